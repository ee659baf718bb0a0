/**
 * Who signed the verified log: the founder's key and every signer with their fingerprint, and
 * from which event on the log is attributable at all. The names are what the signers wrote; only
 * a fingerprint known from elsewhere makes them proof, which the card says in so many words.
 */

import { fingerprint } from '../../domain/crypto/keys.ts';
import type { BundleSummary } from '../../domain/verify.ts';
import { formatDay } from '../../i18n/dates.ts';
import { unsignedWarning } from '../../i18n/verdict.ts';
import { useLang, useMessages } from '../i18n.tsx';
import { verifyMessages } from './messages.ts';

export function SignersCard({ summary }: { summary: BundleSummary }) {
  const t = useMessages(verifyMessages);
  const { lang } = useLang();
  const a = summary.attribution;
  const warning = unsignedWarning(a, summary.formatVersion, lang);
  return (
    <section className="card" aria-labelledby="signers-title">
      <h2 id="signers-title">{t.signersTitle}</h2>
      {warning ? <p className="notice notice-warning">{warning.replace(/^[^:]+: /, '')}</p> : <p>{t.allSigned(summary.eventCount)}</p>}
      {a.founder ? (
        <dl className="verdict-where">
          <dt>{t.founderKey}</dt>
          <dd>
            {a.founder.name} · <code className="fingerprint">{fingerprint(a.founder.keyId)}</code>
          </dd>
          <dt>{t.exporterKey}</dt>
          <dd>
            {summary.exportedBy} · <code className="fingerprint">{fingerprint(summary.exporterKeyId)}</code>
          </dd>
        </dl>
      ) : null}
      {a.signers.length > 0 ? (
        <div className="table-scroll">
          <table className="signers">
            <caption>{t.signersCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.signerPerson}</th>
                <th scope="col">{t.signerFingerprint}</th>
                <th scope="col">{t.signerEvents}</th>
                <th scope="col">{t.signerDecisions}</th>
                <th scope="col">{t.signerRevoked}</th>
              </tr>
            </thead>
            <tbody>
              {a.signers.map((s) => (
                <tr key={s.keyId}>
                  <th scope="row">{s.name}</th>
                  <td>
                    <code className="fingerprint">{fingerprint(s.keyId)}</code>
                  </td>
                  <td>{s.events}</td>
                  <td>{s.decisions}</td>
                  <td>{s.revokedAt ? formatDay(s.revokedAt, lang) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="hint">{t.anchorsExplained}</p>
    </section>
  );
}
