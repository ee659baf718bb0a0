/**
 * The unlock form for the current profile, shown where something is signed. Renders nothing
 * for a device profile or an unlocked one, so signing screens can always include it.
 */
import { type FormEvent, useId, useState } from 'react';
import { protectionOf } from '../../db/reads.ts';
import { useCurrentIdentity, useSend } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { TextField } from '../ui/Field.tsx';
import { profileMessages } from './messages.ts';
import { holdUnlocked, useUnlockedKey } from './session.ts';
import './profiles.css';
import { Status } from '../ui/Announcer.tsx';

export function UnlockPrompt() {
  const identity = useCurrentIdentity();
  const unlocked = useUnlockedKey(identity?.personId);
  if (!identity || protectionOf(identity) !== 'passphrase' || unlocked) return null;
  return <UnlockForm key={identity.personId} personId={identity.personId} />;
}

function UnlockForm({ personId }: { personId: string }) {
  const t = useMessages(profileMessages);
  const identity = useCurrentIdentity();
  const send = useSend();
  const titleId = useId();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!identity || identity.personId !== personId) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!passphrase) {
      setError(t.emptyPassphrase);
      return;
    }
    setBusy(true);
    const outcome = await send('unlockProfile', { identity, passphrase });
    setBusy(false);
    if (outcome.ok) {
      setPassphrase('');
      holdUnlocked(identity.personId, outcome.key);
    } else {
      setError(t.wrongPassphrase);
    }
  };
  return (
    <form className="unlock-prompt notice notice-info" aria-labelledby={titleId} onSubmit={submit} noValidate>
      <h3 id={titleId}>
        <span aria-hidden="true">🔒 </span>
        {t.lockedTitle(identity.name)}
      </h3>
      <p>{t.lockedHint}</p>
      <TextField
        label={t.passphrase}
        type="password"
        autoComplete="current-password"
        value={passphrase}
        onChange={(e) => {
          setPassphrase(e.target.value);
          setError(null);
        }}
        required
      />
      <button type="submit" aria-disabled={busy ? true : undefined}>
        {busy ? t.unlocking : t.unlock}
      </button>
      <Status className="unlock-error">
        {error ? (
          <>
            <span aria-hidden="true">⚠ </span>
            {error}
          </>
        ) : null}
      </Status>
    </form>
  );
}
