/**
 * What the Standards tab reads from a process, gathered in one place so the components only
 * render. Nothing here decides what is allowed: saving a rating is always asked of the engine.
 */
import type { AssessmentRecord, EvidenceRecord, ProcessContext } from '../../../machines/process/process.context.ts';
import { allEvidence, assessmentsOf, currentRevision, exitCriteriaStatus, isExpired } from '../../../machines/process/process.queries.ts';
import type { Rulebook } from '../../../standards/rulebook.ts';
import type { IqLevel, MaturityLevel, Standard } from '../../../standards/schema.ts';

export interface HistoryRow {
  standard: Standard;
  /** One entry per cycle from 1 to the current; level null where the cycle has no rating. */
  cycles: { cycle: number; level: MaturityLevel | null }[];
}

/** The maturity of each standard in each cycle from 1 to the current one. */
export function maturityHistory(ctx: ProcessContext, standards: readonly Standard[]): HistoryRow[] {
  const cycles = Array.from({ length: ctx.cycle }, (_, i) => assessmentsOf(ctx, i + 1));
  return standards.map((standard) => ({
    standard,
    cycles: cycles.map((ratings, i) => ({ cycle: i + 1, level: ratings[standard.id]?.level ?? null })),
  }));
}

/** The most recent rating of a standard in an earlier cycle, for orientation in a new one. */
export function earlierRating(ctx: ProcessContext, standardId: string): { cycle: number; rating: AssessmentRecord } | null {
  for (let cycle = ctx.cycle - 1; cycle >= 1; cycle--) {
    const rating = assessmentsOf(ctx, cycle)[standardId];
    if (rating) return { cycle, rating };
  }
  return null;
}

/**
 * Evidence worth offering for a rating: of a kind the standard accepts and not expired. Items
 * filed for this standard come first, then the newest documents.
 */
export function citableEvidence(ctx: ProcessContext, standard: Standard, at: string): EvidenceRecord[] {
  const filedFor = (e: EvidenceRecord) => (e.proves.standardIds.includes(standard.id) ? 0 : 1);
  return allEvidence(ctx)
    .filter((e) => standard.evidenceKinds.includes(e.kind) && !isExpired(e, at))
    .sort(
      (a, b) =>
        filedFor(a) - filedFor(b) ||
        currentRevision(b).documentDate.localeCompare(currentRevision(a).documentDate) ||
        a.evidenceId.localeCompare(b.evidenceId),
    );
}

/**
 * The standards the current stage still needs rated, as the stage's exit criterion reports
 * them; null when the stage has no such criterion.
 */
export function unratedInStage(rulebook: Rulebook, ctx: ProcessContext, at: string): ReadonlySet<string> | null {
  const status = exitCriteriaStatus(rulebook, ctx, ctx.stage, at).find((c) => c.criterion.type === 'standardsAssessed');
  if (!status) return null;
  const missing = status.reasons.flatMap((r) =>
    r.code === 'standardsNotAssessed' && Array.isArray(r.params.missing) ? r.params.missing : [],
  );
  return new Set(missing);
}

/** The short name of a generic maturity level: the catalog writes "Geplant: Ziele, …". */
export function scaleName(text: string): string {
  const colon = text.indexOf(':');
  return colon > 0 ? text.slice(0, colon) : text;
}

/** The standards grouped by IQ field of action in the given order, each group by number. */
export function groupByIqLevel(standards: readonly Standard[], order: readonly IqLevel[]): { iqLevel: IqLevel; standards: Standard[] }[] {
  return order
    .map((iqLevel) => ({
      iqLevel,
      standards: standards.filter((s) => s.iqLevel === iqLevel).sort((a, b) => a.number - b.number),
    }))
    .filter((group) => group.standards.length > 0);
}
