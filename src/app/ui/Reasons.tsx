/** Why something is not possible, in the user's language. Every refused action shows this. */
import { createContext, useContext } from 'react';
import type { ProcessContext } from '../../../machines/process/process.context.ts';
import { currentRevision, findEvidence } from '../../../machines/process/process.queries.ts';
import type { Reason, ReasonParam } from '../../../machines/process/reasons.ts';
import type { Rulebook } from '../../../standards/rulebook.ts';
import { stageTemplate } from '../../../standards/rulebook.ts';
import type { AppendOutcome } from '../../db/process-store.ts';
import type { Lang } from '../../i18n/lang.ts';
import { describeReason } from '../../i18n/reasons.ts';
import { STORAGE_MESSAGES } from '../../i18n/storage.ts';
import { useServices } from '../data.tsx';
import { formatDay, useLang } from '../i18n.tsx';
import { Status } from './Announcer.tsx';

/**
 * The process whose requests, people and evidence the reasons on screen refer to. Reasons carry
 * ids ("r-70be4038-…"), which mean nothing to the people reading them; with the process at hand
 * they become the milestone and date of a request, a person's name, an evidence title.
 */
const ReasonNamesContext = createContext<ProcessContext | null>(null);
export const ReasonNamesProvider = ReasonNamesContext.Provider;

function withNames(reason: Reason, ctx: ProcessContext | null, lang: Lang, rulebook: Rulebook): Reason {
  if (!ctx) return reason;
  const params: Record<string, ReasonParam> = { ...reason.params };
  const { requestId, personId, evidenceIds } = params;
  if (typeof requestId === 'string') {
    const request = ctx.cycles.flatMap((c) => Object.values(c.signOffs)).find((r) => r.requestId === requestId);
    if (request) {
      const title = stageTemplate(rulebook, request.stage).milestone.title[lang];
      params.requestId =
        lang === 'de' ? `„${title}“ vom ${formatDay(request.requestedAt, lang)}` : `"${title}" of ${formatDay(request.requestedAt, lang)}`;
    }
  }
  if (typeof personId === 'string' && ctx.people[personId]) params.personId = ctx.people[personId].name;
  if (Array.isArray(evidenceIds)) {
    params.evidenceIds = evidenceIds.map((id: string) => {
      const evidence = findEvidence(ctx, id);
      const title = evidence ? currentRevision(evidence).title : null;
      return title === null ? id : lang === 'de' ? `„${title}“` : `"${title}"`;
    });
  }
  return { ...reason, params };
}

export function ReasonList({ reasons, id }: { reasons: readonly Reason[]; id?: string }) {
  const { lang } = useLang();
  const { engine } = useServices();
  const ctx = useContext(ReasonNamesContext);
  if (reasons.length === 0) return null;
  return (
    <ul className="reasons" id={id}>
      {reasons.map((r) => (
        <li key={`${r.code}:${JSON.stringify(r.params)}`}>
          {describeReason(withNames(r, ctx, lang, engine.rulebook), lang, engine.rulebook)}
        </li>
      ))}
    </ul>
  );
}

/** The result of an append for a live region: nothing when it worked, else why not. */
export function OutcomeMessage({ outcome }: { outcome: AppendOutcome | null }) {
  const { lang } = useLang();
  if (!outcome || outcome.ok) return null;
  return (
    <Status as="div" className="notice notice-error">
      <p>
        <strong>{lang === 'de' ? 'Nicht gespeichert.' : 'Not saved.'}</strong>
      </p>
      {outcome.kind === 'refused' ? <ReasonList reasons={outcome.reasons} /> : <p>{STORAGE_MESSAGES[outcome.problem.code][lang]}</p>}
    </Status>
  );
}
