/** How long an unlocked passphrase profile may sit without input before it locks itself. */
import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, useState } from 'react';
import { IDLE_LOCK_MAX_MINUTES, IDLE_LOCK_MIN_MINUTES, idleLockMinutes } from '../../db/reads.ts';
import { useBaseServices, useSend } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { TextField } from '../ui/Field.tsx';
import { profileMessages } from './messages.ts';

export function IdleLockSetting() {
  const t = useMessages(profileMessages);
  const { db } = useBaseServices();
  const send = useSend();
  const stored = useLiveQuery(() => idleLockMinutes(db), [db]);
  // What the user typed, if anything: the stored value shows only until then, so a value that
  // loads late can never overwrite typing (it did, and made the idle-lock e2e test flaky).
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? (stored === undefined ? '' : String(stored));
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const minutes = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || minutes < IDLE_LOCK_MIN_MINUTES || minutes > IDLE_LOCK_MAX_MINUTES) {
      setError(t.idleInvalid(IDLE_LOCK_MIN_MINUTES, IDLE_LOCK_MAX_MINUTES));
      setStatus('');
      return;
    }
    setError(null);
    await send('setIdleLock', { minutes });
    setDraft(null);
    setStatus(t.idleSaved(minutes));
  };
  return (
    <form className="idle-lock" onSubmit={save} noValidate aria-labelledby="idle-title">
      <h3 id="idle-title">{t.idleTitle}</h3>
      <TextField
        label={t.idleMinutes}
        hint={t.idleHint(IDLE_LOCK_MIN_MINUTES, IDLE_LOCK_MAX_MINUTES)}
        type="number"
        inputMode="numeric"
        min={IDLE_LOCK_MIN_MINUTES}
        max={IDLE_LOCK_MAX_MINUTES}
        step={1}
        value={value}
        onChange={(e) => setDraft(e.target.value)}
        error={error}
      />
      <button type="submit">{t.idleSave}</button>
      <Status>{status}</Status>
    </form>
  );
}
