/** Why something is not possible, in the user's language. Every refused action shows this. */
import type { Reason } from '../../../machines/process/reasons.ts';
import type { AppendOutcome } from '../../db/process-store.ts';
import { STORAGE_MESSAGES } from '../../db/storage-errors.ts';
import { describeReason } from '../../i18n/reasons.ts';
import { useServices } from '../data.tsx';
import { useLang } from '../i18n.tsx';

export function ReasonList({ reasons, id }: { reasons: readonly Reason[]; id?: string }) {
  const { lang } = useLang();
  const { engine } = useServices();
  if (reasons.length === 0) return null;
  return (
    <ul className="reasons" id={id}>
      {reasons.map((r) => (
        <li key={`${r.code}:${JSON.stringify(r.params)}`}>{describeReason(r, lang, engine.rulebook)}</li>
      ))}
    </ul>
  );
}

/** The result of an append for a live region: nothing when it worked, else why not. */
export function OutcomeMessage({ outcome }: { outcome: AppendOutcome | null }) {
  const { lang } = useLang();
  if (!outcome || outcome.ok) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{lang === 'de' ? 'Nicht gespeichert.' : 'Not saved.'}</strong>
      </p>
      {outcome.kind === 'refused' ? <ReasonList reasons={outcome.reasons} /> : <p>{STORAGE_MESSAGES[outcome.problem.code][lang]}</p>}
    </div>
  );
}
