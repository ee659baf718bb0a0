/**
 * A new key pair for the current profile, for when the old key may be known to someone else.
 * A passphrase profile proves its passphrase first (the new key is wrapped with it). The old
 * key stays valid in processes until it is revoked there, which is the ambassador's step.
 */
import { type FormEvent, useState } from 'react';
import type { Identity } from '../../db/database.ts';
import { protectionOf } from '../../db/reads.ts';
import { fingerprint } from '../../domain/crypto/keys.ts';
import { useSend } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { TextField } from '../ui/Field.tsx';
import { profileMessages } from './messages.ts';
import { holdUnlocked } from './session.ts';

export function ReplaceKey({ identity }: { identity: Identity }) {
  const t = useMessages(profileMessages);
  const send = useSend();
  const protectedByPassphrase = protectionOf(identity) === 'passphrase';
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setStatus('');
    if (protectedByPassphrase) {
      if (!passphrase) {
        setError(t.emptyPassphrase);
        return;
      }
      setBusy(true);
      const check = await send('unlockProfile', { identity, passphrase });
      if (!check.ok) {
        setBusy(false);
        setError(t.wrongPassphrase);
        return;
      }
    }
    setBusy(true);
    setError(null);
    const { identity: next, unlocked } = await send('replaceKey', { identity, passphrase: protectedByPassphrase ? passphrase : undefined });
    if (unlocked) holdUnlocked(next.personId, unlocked);
    setBusy(false);
    setPassphrase('');
    setStatus(t.replaced(fingerprint(next.publicKey.keyId)));
  };
  return (
    <details className="replace-key">
      <summary>{t.replaceTitle}</summary>
      <form onSubmit={submit} noValidate>
        <p className="hint">{t.replaceHint}</p>
        {protectedByPassphrase ? (
          <TextField
            label={t.replacePassphrase}
            type="password"
            autoComplete="current-password"
            value={passphrase}
            onChange={(e) => {
              setPassphrase(e.target.value);
              setError(null);
            }}
            error={error}
            required
          />
        ) : null}
        <button type="submit" aria-disabled={busy ? true : undefined}>
          {t.replace}
        </button>
        <Status>{status}</Status>
      </form>
    </details>
  );
}
