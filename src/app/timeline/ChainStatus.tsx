/**
 * The verdict on the whole log, above the list: intact with its length and head hash, or the
 * first broken event and why. A broken chain is an alert; checking and intact are a status.
 */
import { describeReason } from '../../i18n/reasons.ts';
import { useServices } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { timelineMessages } from './messages.ts';
import type { ChainVerdict } from './stored-log.ts';

type Broken = Extract<ChainVerdict, { status: 'broken' }>;

function ProblemText({ problem }: { problem: Broken['problem'] }) {
  const t = useMessages(timelineMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const p = t.problems;
  switch (problem.code) {
    case 'seqMismatch':
      return <p>{p.seqMismatch(problem.expected, problem.got)}</p>;
    case 'headMismatch':
      return <p>{p.headMismatch(problem.expected, problem.got)}</p>;
    case 'prevHashMismatch':
      return <p>{p.prevHashMismatch}</p>;
    case 'hashMismatch':
      return <p>{p.hashMismatch}</p>;
    case 'duplicateId':
      return <p>{p.duplicateId(problem.id)}</p>;
    case 'refused':
      return (
        <>
          <p>{p.refused}</p>
          <ul>
            {problem.reasons.map((r) => (
              <li key={`${r.code}:${JSON.stringify(r.params)}`}>{describeReason(r, lang, engine.rulebook)}</li>
            ))}
          </ul>
        </>
      );
    default:
      // Head and section problems belong to bundles; a stored log cannot have them.
      return <p>{problem.code}</p>;
  }
}

export function ChainStatus({ verdict }: { verdict: ChainVerdict }) {
  const t = useMessages(timelineMessages);
  if (verdict.status === 'broken') {
    return (
      <Status as="div" className="notice notice-error chain-status">
        <p>
          <span aria-hidden="true">⚠ </span>
          <strong>{t.chainBroken(verdict.seq)}</strong>
        </p>
        <ProblemText problem={verdict.problem} />
        <p>{t.chainNothingChanged}</p>
      </Status>
    );
  }
  if (verdict.status === 'failed') {
    return (
      <Status as="div" className="notice notice-error chain-status">
        <p>
          <span aria-hidden="true">⚠ </span>
          {t.chainFailed}
        </p>
      </Status>
    );
  }
  if (verdict.status === 'intact' && verdict.signedFrom !== 1) {
    return (
      <Status as="div" className="notice notice-warning chain-status">
        <p>
          <span aria-hidden="true">✓ </span>
          {t.chainIntact(verdict.count, verdict.headHash.slice(0, 12), false)}
        </p>
        <p>{verdict.signedFrom === null ? t.chainUnsigned : t.chainPartlySigned(verdict.signedFrom)}</p>
      </Status>
    );
  }
  return (
    <Status className={`chain-status chain-${verdict.status}`}>
      {verdict.status === 'intact' ? <span aria-hidden="true">✓ </span> : null}
      {verdict.status === 'checking' ? t.chainChecking : null}
      {verdict.status === 'empty' ? t.chainEmpty : null}
      {verdict.status === 'intact' ? t.chainIntact(verdict.count, verdict.headHash.slice(0, 12), true) : null}
    </Status>
  );
}
