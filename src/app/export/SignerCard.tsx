/** Who will sign the bundle's head, with their key's fingerprint, or why nobody can right now. */
import { fingerprint } from '../../domain/crypto/keys.ts';
import { useMessages } from '../i18n.tsx';
import { UnlockPrompt } from '../profiles/UnlockPrompt.tsx';
import { Link } from '../router.tsx';
import { exportMessages } from './messages.ts';
import type { HeadSigner } from './use-head-signer.ts';

export function SignerCard({ state }: { state: HeadSigner }) {
  const t = useMessages(exportMessages);
  if (state.status === 'loading') return null;
  return (
    <section className="card export-signer" aria-labelledby="export-signer-title">
      <h3 id="export-signer-title">{t.signerTitle}</h3>
      {state.status === 'ready' ? (
        <p className="signer-line">
          {t.signedBy(state.signer.identity.name)} {t.fingerprint}{' '}
          <code className="fingerprint">{fingerprint(state.signer.identity.publicKey.keyId)}</code>
        </p>
      ) : null}
      {state.status === 'locked' ? (
        <>
          <p>{t.locked(state.name)}</p>
          <UnlockPrompt />
        </>
      ) : null}
      {state.status === 'noPerson' ? (
        <p>
          {t.noPerson} <Link to={{ screen: 'settings' }}>{t.settingsLink}</Link>
        </p>
      ) : null}
      {state.status === 'notInProcess' ? <p>{t.notInProcess(state.name)}</p> : null}
      {state.status === 'keyNotRegistered' ? <p>{t.keyNotRegistered(state.name)}</p> : null}
      {state.status === 'keyRevoked' ? <p>{t.keyRevoked(state.name)}</p> : null}
    </section>
  );
}
