/**
 * Questions asked of a process's context: which evidence counts, which roles must sign, which
 * exit criteria are met, which measures are open, where the process may go next. The machine's
 * guards, `explain`, the report and the UI all ask these same functions, so what the screen shows
 * is exactly what the machine enforces. Screens ask only this module about a context, never its
 * collections (src/app may not import process.collections.ts: tests/unit/import-graph.test.ts).
 */
import { type Rulebook, stageTemplate } from '../../standards/rulebook.ts';
import { type Condition, type ExitCriterion, type RoleId, STAGE_ORDER, type StageId } from '../../standards/schema.ts';
import { OPEN_MEASURE_STATUSES } from '../measure/measure.machine.ts';
import { allEvidence, assessmentsOf, currentVisit, cycleRecord, findEvidence, findMeasure } from './process.collections.ts';
import type {
  ErasureRecord,
  EvidenceRecord,
  EvidenceRevision,
  MeasureRecord,
  ProcessContext,
  SignOffRequestRecord,
} from './process.context.ts';
import type { EventType, SignOffCover } from './process.events.ts';
import { type Reason, reason } from './reasons.ts';

export { type MeasureStep, nextMeasureStatus } from '../measure/measure.machine.ts';
// The records of a context by id, and which step a measure may take next, asked here like the rest.
export { allEvidence, allMeasures, assessmentsOf, findEvidence, findMeasure, findRequest } from './process.collections.ts';

/** The roles the rulebook permits to record an event of `type` at all. */
export function rolesPermittedFor(rulebook: Rulebook, type: EventType): readonly RoleId[] {
  return rulebook.template.permissions[type] ?? [];
}

/**
 * The role in which a person records an event of `type`: the first of their roles in this
 * process that the rulebook permits for it, or null when none is (the screen then does not offer
 * the action at all).
 */
export function actingRole(rulebook: Rulebook, ctx: ProcessContext, personId: string, type: EventType): RoleId | null {
  const permitted = rolesPermittedFor(rulebook, type);
  return ctx.people[personId]?.roles.find((role) => permitted.includes(role)) ?? null;
}

/** The kinds of events a person's roles let them record in this process, in the rulebook's order. */
export function permittedEventTypes(rulebook: Rulebook, ctx: ProcessContext, personId: string): EventType[] {
  return (Object.keys(rulebook.template.permissions) as EventType[]).filter((type) => actingRole(rulebook, ctx, personId, type) !== null);
}

/** The calendar day (UTC) of an ISO timestamp; deadlines and review dates are days. */
export function dayOf(at: string): string {
  return at.slice(0, 10);
}

export function currentRevision(evidence: EvidenceRecord): EvidenceRevision {
  const latest = evidence.revisions[evidence.revisions.length - 1];
  if (!latest) throw new Error(`evidence ${evidence.evidenceId} has no revision`);
  return latest;
}

/** Evidence past its review-by date no longer counts. */
export function isExpired(evidence: EvidenceRecord, at: string): boolean {
  const { reviewBy } = currentRevision(evidence);
  return reviewBy !== null && reviewBy < dayOf(at);
}

/** The erasure of one revision's content, if it was erased. */
export function erasureOf(ctx: ProcessContext, evidenceId: string, revision: number): ErasureRecord | undefined {
  return findEvidence(ctx, evidenceId)?.revisions.find((r) => r.revision === revision)?.erasure;
}

export function isErased(ctx: ProcessContext, evidenceId: string, revision: number): boolean {
  return erasureOf(ctx, evidenceId, revision) !== undefined;
}

/**
 * Evidence counts while it is neither past its review date nor emptied: a current revision whose
 * content was erased proves nothing any more (the fix is a new, cleaned revision).
 */
export function countsAsEvidence(evidence: EvidenceRecord, at: string): boolean {
  return !isExpired(evidence, at) && currentRevision(evidence).erasure === undefined;
}

/**
 * Digests whose content is erased everywhere in this process: every revision that names the
 * digest has had its content erased. A digest still named by one kept revision is not in it,
 * so the bytes are still needed.
 */
export function erasedDigests(ctx: ProcessContext): Set<string> {
  const erased = new Set<string>();
  const kept = new Set<string>();
  for (const evidence of allEvidence(ctx)) {
    for (const rev of evidence.revisions) (rev.erasure ? erased : kept).add(rev.content.sha256);
  }
  for (const digest of kept) erased.delete(digest);
  return erased;
}

/** Whether any revision of this process that keeps its content names `sha256`. */
export function needsContent(ctx: ProcessContext, sha256: string): boolean {
  return allEvidence(ctx).some((e) => e.revisions.some((r) => r.erasure === undefined && r.content.sha256 === sha256));
}

/** Current evidence (not expired, not erased) that proves `stage` in the process's current cycle. */
export function evidenceForStage(ctx: ProcessContext, stage: StageId, at: string): EvidenceRecord[] {
  return Object.values(cycleRecord(ctx).evidence)
    .filter((e) => e.proves.stage === stage && countsAsEvidence(e, at))
    .sort((a, b) => (a.evidenceId < b.evidenceId ? -1 : 1));
}

/** A measure that still needs doing: planned, running or replanned. */
export function isOpenMeasure(measure: MeasureRecord): boolean {
  return OPEN_MEASURE_STATUSES.has(measure.status);
}

/** The open measures of every cycle, the one due first first. */
export function openMeasures(ctx: ProcessContext): MeasureRecord[] {
  return ctx.openMeasureIds
    .map((id) => findMeasure(ctx, id))
    .filter((m): m is MeasureRecord => m !== undefined && isOpenMeasure(m))
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

/** The stages a process may advance to from `stage`: the next one, or after renewal what the template allows. */
export function nextStages(rulebook: Rulebook, stage: StageId): StageId[] {
  const next = STAGE_ORDER[STAGE_ORDER.indexOf(stage) + 1];
  return next ? [next] : [...rulebook.template.renewalTargets];
}

export function measuresOfCycle(ctx: ProcessContext, cycle = ctx.cycle): MeasureRecord[] {
  return Object.values(cycleRecord(ctx, cycle).measures).filter((m) => m.status !== 'cancelled');
}

export function isOverdue(measure: MeasureRecord, at: string): boolean {
  return isOpenMeasure(measure) && measure.due < dayOf(at);
}

export function overdueMeasures(ctx: ProcessContext, at: string): MeasureRecord[] {
  return ctx.openMeasureIds.map((id) => findMeasure(ctx, id)).filter((m): m is MeasureRecord => m !== undefined && isOverdue(m, at));
}

function conditionHolds(rulebook: Rulebook, ctx: ProcessContext, stage: StageId, at: string, when: Condition): boolean {
  switch (when.type) {
    case 'always':
      return true;
    case 'agencyType':
      return ctx.agency?.type === when.agencyType;
    case 'evidenceKind':
      return evidenceForStage(ctx, stage, at).some((e) => e.kind === when.kind);
    case 'measureTag': {
      const tagged = new Set(rulebook.measureTemplates.templates.filter((t) => t.tags.includes(when.tag)).map((t) => t.id));
      return measuresOfCycle(ctx).some((m) => m.templateId !== null && tagged.has(m.templateId));
    }
    case 'measureIqLevel':
      return measuresOfCycle(ctx).some((m) => when.levels.includes(m.iqLevel));
    case 'allOf':
      return when.conditions.every((c) => conditionHolds(rulebook, ctx, stage, at, c));
  }
}

/** The roles whose sign-off the stage's milestone needs as things stand now. */
export function requiredSignOffRoles(rulebook: Rulebook, ctx: ProcessContext, stage: StageId, at: string): RoleId[] {
  const roles = stageTemplate(rulebook, stage)
    .milestone.signOffs.filter((rule) => conditionHolds(rulebook, ctx, stage, at, rule.when))
    .map((rule) => rule.role);
  return [...new Set(roles)];
}

/** What a sign-off request for `stage` approves: the evidence that proves the stage now. */
export function coversFor(ctx: ProcessContext, stage: StageId, at: string): SignOffCover[] {
  return evidenceForStage(ctx, stage, at).map((e) => {
    const rev = currentRevision(e);
    return { evidenceId: e.evidenceId, revision: rev.revision, sha256: rev.content.sha256 };
  });
}

export function requestsFor(ctx: ProcessContext, stage: StageId, cycle = ctx.cycle): SignOffRequestRecord[] {
  return Object.values(cycleRecord(ctx, cycle).signOffs)
    .filter((r) => r.stage === stage)
    .sort((a, b) => a.position - b.position);
}

/**
 * Evidence a granted sign-off covered that has since been revised, has expired, had its content
 * erased, or is gone: the grant was bound to exactly what was approved.
 */
export function staleCovers(ctx: ProcessContext, request: SignOffRequestRecord, at: string): string[] {
  return request.covers
    .filter((cover) => {
      const evidence = findEvidence(ctx, cover.evidenceId);
      return !evidence || currentRevision(evidence).revision !== cover.revision || !countsAsEvidence(evidence, at);
    })
    .map((cover) => cover.evidenceId);
}

export type SignOffState =
  | { state: 'notNeeded' }
  | { state: 'missing'; roles: RoleId[] }
  | { state: 'pending'; request: SignOffRequestRecord; roles: RoleId[] }
  | { state: 'refused'; request: SignOffRequestRecord }
  | { state: 'stale'; request: SignOffRequestRecord; evidenceIds: string[] }
  | { state: 'granted'; request: SignOffRequestRecord };

/**
 * Where the milestone of `stage` stands in this cycle. A grant counts only while it covers every
 * role required now and the evidence it approved is unchanged.
 */
export function signOffState(rulebook: Rulebook, ctx: ProcessContext, stage: StageId, at: string): SignOffState {
  const required = requiredSignOffRoles(rulebook, ctx, stage, at);
  if (required.length === 0) return { state: 'notNeeded' };
  const requests = requestsFor(ctx, stage);
  const latest = requests[requests.length - 1];
  if (!latest) return { state: 'missing', roles: required };
  if (latest.status === 'refused') return { state: 'refused', request: latest };
  // A request, open or granted, is outdated once the evidence it shows has changed.
  const stale = staleCovers(ctx, latest, at);
  if (stale.length > 0) return { state: 'stale', request: latest, evidenceIds: stale };
  if (latest.status === 'open') {
    const decided = new Set(latest.decisions.map((d) => d.role));
    return { state: 'pending', request: latest, roles: latest.requiredRoles.filter((r) => !decided.has(r)) };
  }
  const uncovered = required.filter((r) => !latest.requiredRoles.includes(r));
  if (uncovered.length > 0) return { state: 'missing', roles: uncovered };
  return { state: 'granted', request: latest };
}

export interface CriterionStatus {
  criterion: ExitCriterion;
  met: boolean;
  /** The evidence that meets it, for a checklist that shows "by which evidence". */
  evidenceIds: string[];
  reasons: Reason[];
}

function criterionStatus(rulebook: Rulebook, ctx: ProcessContext, stage: StageId, at: string, criterion: ExitCriterion): CriterionStatus {
  const status = (met: boolean, evidenceIds: string[], reasons: Reason[]) => ({ criterion, met, evidenceIds, reasons });
  switch (criterion.type) {
    case 'evidence': {
      const matching = evidenceForStage(ctx, stage, at).filter((e) => criterion.kinds.includes(e.kind));
      const met = matching.length >= criterion.min;
      const why = reason('missingEvidence', {
        stage,
        criterionId: criterion.id,
        kinds: criterion.kinds,
        have: matching.length,
        need: criterion.min,
      });
      return status(
        met,
        matching.map((e) => e.evidenceId),
        met ? [] : [why],
      );
    }
    case 'measuresPlanned': {
      const have = measuresOfCycle(ctx).length;
      const met = have >= criterion.min;
      return status(met, [], met ? [] : [reason('tooFewMeasuresPlanned', { stage, have, need: criterion.min })]);
    }
    case 'measuresCompleted': {
      const done = cycleRecord(ctx).completedMeasureIds.length;
      const met = done >= criterion.min;
      return status(met, [], met ? [] : [reason('tooFewMeasuresCompleted', { stage, have: done, need: criterion.min })]);
    }
    case 'noOverdueMeasures': {
      const overdue = overdueMeasures(ctx, at);
      const why = reason('measuresOverdue', { measureIds: overdue.map((m) => m.measureId), titles: overdue.map((m) => m.title) });
      return status(overdue.length === 0, [], overdue.length === 0 ? [] : [why]);
    }
    case 'standardsAssessed': {
      // Ratings count for the stage they were made in: the review repeats the baseline's.
      const since = currentVisit(ctx).enteredPosition;
      const rated = Object.fromEntries(Object.entries(assessmentsOf(ctx)).filter(([, a]) => a.position >= since));
      const missing = rulebook.catalog.standards.map((s) => s.id).filter((id) => !rated[id]);
      const evidenceIds = [...new Set(Object.values(rated).flatMap((a) => a.evidenceIds))];
      return status(missing.length === 0, evidenceIds, missing.length === 0 ? [] : [reason('standardsNotAssessed', { stage, missing })]);
    }
    case 'signOff': {
      const s = signOffState(rulebook, ctx, stage, at);
      switch (s.state) {
        case 'notNeeded':
          return status(true, [], []);
        case 'granted':
          return status(
            true,
            s.request.covers.map((c) => c.evidenceId),
            [],
          );
        case 'missing':
          return status(false, [], [reason('signOffMissing', { stage, roles: s.roles })]);
        case 'pending':
          return status(false, [], [reason('signOffPending', { stage, requestId: s.request.requestId, roles: s.roles })]);
        case 'refused':
          return status(false, [], [reason('signOffRefused', { stage, requestId: s.request.requestId })]);
        case 'stale':
          return status(false, [], [reason('signOffStale', { stage, requestId: s.request.requestId, evidenceIds: s.evidenceIds })]);
      }
    }
  }
}

/** The exit criteria of `stage`, each with whether it is met now and why not. */
export function exitCriteriaStatus(rulebook: Rulebook, ctx: ProcessContext, stage: StageId, at: string): CriterionStatus[] {
  return stageTemplate(rulebook, stage).exitCriteria.map((c) => criterionStatus(rulebook, ctx, stage, at, c));
}
