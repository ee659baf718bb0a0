/**
 * What a person hands over to be registered in someone else's process: the identity file to
 * save, the same JSON as a QR code and as text to copy, and the fingerprint to read aloud. The
 * file carries the key's proof of possession, which only the key can make: a profile made before
 * proofs existed makes it here, once its key is usable (a passphrase profile unlocked).
 */
import { useEffect } from 'react';
import type { Identity } from '../../db/database.ts';
import { fingerprint } from '../../domain/crypto/keys.ts';
import { identityFileName, identityFileOf, serializeIdentityFile } from '../../domain/identity-file.ts';
import { useSend } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { downloadText } from '../ui/download.ts';
import { Fingerprint } from './Fingerprint.tsx';
import { profileMessages } from './messages.ts';
import { QrCode } from './QrCode.tsx';
import { useUnlockedKey } from './session.ts';
import { UnlockPrompt } from './UnlockPrompt.tsx';

export function IdentityCard({ identity }: { identity: Identity }) {
  const t = useMessages(profileMessages);
  const send = useSend();
  const unlocked = useUnlockedKey(identity.personId);
  const { keyProof } = identity;
  useEffect(() => {
    // The stored profile changes once the proof is made, and this card re-renders with it.
    if (!keyProof) send('proveKey', { identity, unlocked });
  }, [send, identity, keyProof, unlocked]);
  if (!keyProof) {
    return (
      <section className="identity-card" aria-labelledby="identity-title">
        <h3 id="identity-title">{t.identityTitle}</h3>
        <p>{t.identityNeedsUnlock}</p>
        <UnlockPrompt />
      </section>
    );
  }
  const file = identityFileOf({
    personId: identity.personId,
    name: identity.name,
    organisation: identity.organisation,
    publicKey: identity.publicKey,
    keyProof,
    suggestedRoles: identity.roles ?? [],
    // The profile's creation date: the file and the QR code hold the very same JSON.
    now: new Date(identity.createdAt),
  });
  const text = serializeIdentityFile(file);
  return (
    <section className="identity-card" aria-labelledby="identity-title">
      <h3 id="identity-title">{t.identityTitle}</h3>
      <p className="hint">{t.identityHint}</p>
      <p>
        {t.key}: <Fingerprint keyId={identity.publicKey.keyId} large />
      </p>
      <p className="hint">{t.fingerprintHint}</p>
      <button type="button" className="primary" onClick={() => downloadText(identityFileName(identity.name), text)}>
        {t.download}
      </button>
      <div className="identity-qr">
        <QrCode text={text} label={t.qrLabel(identity.name, fingerprint(identity.publicKey.keyId))} />
      </div>
      <details>
        <summary>{t.showText}</summary>
        <label className="identity-text">
          <span>{t.identityText}</span>
          <textarea readOnly value={text} rows={6} onFocus={(e) => e.currentTarget.select()} />
        </label>
      </details>
    </section>
  );
}
