/**
 * How each accepted fact changes what the process remembers. Pure functions from the old context
 * to a new one; the machine calls them only after the matching rule found no reason to refuse.
 * Only the records a fact touches are copied: the rest is shared with the previous state.
 */
import { nextMeasureStatus, OPEN_MEASURE_STATUSES } from '../measure/measure.machine.ts';
import {
  applyingOneFact,
  cycleOf,
  findEvidence,
  findMeasure,
  findRequest,
  type RecordKind,
  withCycle,
  withEntry,
  withIndexed,
} from './process.collections.ts';
import type {
  CycleRecord,
  EvidenceRecord,
  MeasureRecord,
  ProcessContext,
  SignOffDecisionRecord,
  SignOffRequestRecord,
} from './process.context.ts';
import type { EventOf, EventType, PersonRegistration, ProcessEvent } from './process.events.ts';

type Apply<T extends EventType> = (ctx: ProcessContext, event: EventOf<T>) => Partial<ProcessContext>;

function register(ctx: ProcessContext, person: PersonRegistration, at: string): Partial<ProcessContext> {
  return {
    people: {
      ...ctx.people,
      [person.personId]: {
        personId: person.personId,
        name: person.name,
        roles: person.roles,
        organisation: person.organisation,
        registeredAt: at,
      },
    },
    keys: {
      ...ctx.keys,
      [person.key.keyId]: {
        keyId: person.key.keyId,
        personId: person.personId,
        publicKey: person.key.publicKey,
        registeredAt: at,
        revokedAt: null,
        revokeReason: null,
      },
    },
  };
}

/** Adds or replaces a record in its cycle; a new record is also entered in the id index. */
function put(
  ctx: ProcessContext,
  kind: RecordKind,
  id: string,
  cycle: number,
  change: (c: CycleRecord) => CycleRecord,
): Partial<ProcessContext> {
  const next = withCycle(ctx, cycle, change);
  return cycleOf(ctx, kind, id) === undefined ? { ...next, ...withIndexed(ctx, kind, id, cycle) } : next;
}

const putEvidence = (ctx: ProcessContext, evidence: EvidenceRecord) =>
  put(ctx, 'evidence', evidence.evidenceId, evidence.cycle, (c) => ({
    ...c,
    evidence: withEntry(c.evidence, evidence.evidenceId, evidence),
  }));

const putMeasure = (ctx: ProcessContext, measure: MeasureRecord) =>
  put(ctx, 'measure', measure.measureId, measure.cycle, (c) => ({ ...c, measures: withEntry(c.measures, measure.measureId, measure) }));

const putRequest = (ctx: ProcessContext, request: SignOffRequestRecord) =>
  put(ctx, 'request', request.requestId, request.cycle, (c) => ({ ...c, signOffs: withEntry(c.signOffs, request.requestId, request) }));

/** Evidence that proves a measure is also listed on the measure, so completion needs no search. */
function linkToMeasure(
  ctx: ProcessContext,
  next: Partial<ProcessContext>,
  measureId: string | null,
  evidenceId: string,
): Partial<ProcessContext> {
  const measure = measureId === null ? undefined : findMeasure(ctx, measureId);
  if (!measure) return next;
  const merged = { ...ctx, ...next };
  return { ...next, ...putMeasure(merged, { ...measure, evidenceIds: [...measure.evidenceIds, evidenceId] }) };
}

function moveMeasure(
  ctx: ProcessContext,
  event: EventOf<'MeasureStarted' | 'MeasureCompleted' | 'MeasureReplanned' | 'MeasureCancelled'>,
  change: Partial<MeasureRecord>,
  note: string | null,
): Partial<ProcessContext> {
  const measure = findMeasure(ctx, event.payload.measureId);
  const status = measure && nextMeasureStatus(measure.status, event.type);
  if (!measure || !status) return {}; // unreachable: the rule refused this already
  const updated: MeasureRecord = { ...measure, ...change, status };
  updated.history = [...measure.history, { at: event.at, status, due: updated.due, note, by: event.actor.personId }];
  const openMeasureIds = OPEN_MEASURE_STATUSES.has(status)
    ? ctx.openMeasureIds
    : ctx.openMeasureIds.filter((id) => id !== measure.measureId);
  return { ...putMeasure(ctx, updated), openMeasureIds };
}

function decide(ctx: ProcessContext, event: EventOf<'SignOffGranted' | 'SignOffRefused'>): Partial<ProcessContext> {
  const request = findRequest(ctx, event.payload.requestId);
  if (!request) return {};
  const decision: SignOffDecisionRecord = {
    role: event.actor.role,
    personId: event.actor.personId,
    keyId: event.payload.keyId,
    decision: event.type === 'SignOffGranted' ? 'granted' : 'refused',
    comment: event.payload.comment,
    signedAt: event.payload.signedAt,
    at: event.at,
  };
  const decisions = [...request.decisions, decision];
  const allGranted = request.requiredRoles.every((role) => decisions.some((d) => d.role === role && d.decision === 'granted'));
  const status = decision.decision === 'refused' ? 'refused' : allGranted ? 'granted' : 'open';
  return putRequest(ctx, { ...request, decisions, status });
}

function newCycle(cycle: number, stage: CycleRecord['stages'][number]): CycleRecord {
  return { cycle, stages: [stage], evidence: {}, measures: {}, completedMeasureIds: [], assessments: {}, signOffs: {} };
}

export const APPLY: { [T in EventType]: Apply<T> } = {
  ProcessOpened: (ctx, e) => ({
    ...register(ctx, e.payload.founder, e.at),
    processId: e.payload.processId,
    agency: e.payload.agency,
    templateVersion: e.payload.templateVersion,
    catalogVersion: e.payload.catalogVersion,
    startedOn: e.payload.startedOn,
    stage: 'mandate',
    cycle: 1,
    cycles: [newCycle(1, { stage: 'mandate', cycle: 1, enteredAt: e.at, enteredPosition: ctx.eventCount, leftAt: null })],
  }),

  PersonRegistered: (ctx, e) => register(ctx, e.payload, e.at),

  KeyRegistered: (ctx, e) => ({
    keys: {
      ...ctx.keys,
      [e.payload.key.keyId]: {
        keyId: e.payload.key.keyId,
        personId: e.payload.personId,
        publicKey: e.payload.key.publicKey,
        registeredAt: e.at,
        revokedAt: null,
        revokeReason: null,
      },
    },
  }),

  KeyRevoked: (ctx, e) => {
    const key = ctx.keys[e.payload.keyId];
    if (!key) return {};
    return { keys: { ...ctx.keys, [key.keyId]: { ...key, revokedAt: e.at, revokeReason: e.payload.reason } } };
  },

  EvidenceAttached: (ctx, e) => {
    const { evidenceId, kind, proves, title, documentDate, reviewBy, content } = e.payload;
    const evidence: EvidenceRecord = {
      evidenceId,
      kind,
      proves,
      cycle: ctx.cycle,
      revisions: [{ revision: 1, title, documentDate, reviewBy, content, at: e.at, by: e.actor.personId, reason: null }],
    };
    return linkToMeasure(ctx, putEvidence(ctx, evidence), proves.measureId, evidenceId);
  },

  EvidenceRevised: (ctx, e) => {
    const evidence = findEvidence(ctx, e.payload.evidenceId);
    if (!evidence) return {};
    const { revision, title, documentDate, reviewBy, content, reason } = e.payload;
    const revisions = [...evidence.revisions, { revision, title, documentDate, reviewBy, content, at: e.at, by: e.actor.personId, reason }];
    return putEvidence(ctx, { ...evidence, revisions });
  },

  EvidenceErased: (ctx, e) => {
    const evidence = findEvidence(ctx, e.payload.evidenceId);
    if (!evidence) return {};
    const erasure = { erasedAt: e.at, erasedBy: e.actor.personId, reason: e.payload.reason };
    const revisions = evidence.revisions.map((r) => (r.revision === e.payload.revision ? { ...r, erasure } : r));
    return putEvidence(ctx, { ...evidence, revisions });
  },

  MeasurePlanned: (ctx, e) => {
    const p = e.payload;
    const measure: MeasureRecord = {
      ...p,
      cycle: ctx.cycle,
      status: 'planned',
      completedCycle: null,
      outcome: null,
      evidenceIds: [],
      history: [{ at: e.at, status: 'planned', due: p.due, note: null, by: e.actor.personId }],
    };
    return { ...putMeasure(ctx, measure), openMeasureIds: [...ctx.openMeasureIds, p.measureId] };
  },

  MeasureStarted: (ctx, e) => moveMeasure(ctx, e, {}, null),
  MeasureCompleted: (ctx, e) => {
    const moved = moveMeasure(ctx, e, { completedCycle: ctx.cycle, outcome: e.payload.outcome }, e.payload.outcome);
    const completed = withCycle({ ...ctx, ...moved }, ctx.cycle, (c) => ({
      ...c,
      completedMeasureIds: [...c.completedMeasureIds, e.payload.measureId],
    }));
    return { ...moved, ...completed };
  },
  MeasureReplanned: (ctx, e) => moveMeasure(ctx, e, { due: e.payload.due }, e.payload.reason),
  MeasureCancelled: (ctx, e) => moveMeasure(ctx, e, {}, e.payload.reason),

  AssessmentRecorded: (ctx, e) => {
    const { standardId, level, evidenceIds, note } = e.payload;
    const record = { standardId, level, evidenceIds, note, at: e.at, by: e.actor.personId, position: ctx.eventCount };
    return withCycle(ctx, ctx.cycle, (c) => ({ ...c, assessments: { ...c.assessments, [standardId]: record } }));
  },

  SignOffRequested: (ctx, e) => {
    const p = e.payload;
    return putRequest(ctx, {
      requestId: p.requestId,
      stage: p.stage,
      cycle: p.cycle,
      milestoneId: p.milestoneId,
      requestedBy: e.actor.personId,
      requestedAt: e.at,
      position: ctx.eventCount,
      requestHash: e.hash ?? null,
      requiredRoles: p.requiredRoles,
      covers: p.covers,
      note: p.note,
      status: 'open',
      decisions: [],
    });
  },

  SignOffGranted: decide,
  SignOffRefused: decide,

  StageAdvanced: (ctx, e) => {
    const { from, to } = e.payload;
    const left = withCycle(ctx, ctx.cycle, (c) => ({
      ...c,
      stages: c.stages.map((visit, i) => (i === c.stages.length - 1 ? { ...visit, leftAt: e.at } : visit)),
    }));
    const visit = { stage: to, cycle: ctx.cycle, enteredAt: e.at, enteredPosition: ctx.eventCount, leftAt: null };
    // Leaving the last stage starts the next yearly cycle.
    if (from === 'renewal') {
      const cycle = ctx.cycle + 1;
      return { stage: to, cycle, cycles: [...left.cycles, newCycle(cycle, { ...visit, cycle })] };
    }
    const entered = withCycle({ ...ctx, ...left }, ctx.cycle, (current) => ({ ...current, stages: [...current.stages, visit] }));
    return { stage: to, ...entered };
  },

  ProcessPaused: (_ctx, e) => ({ pausedAt: e.at, pauseReason: e.payload.reason }),
  ProcessResumed: () => ({ pausedAt: null, pauseReason: null }),
};

/** The context after `event`, including the bookkeeping every event shares. */
export function applyEvent(ctx: ProcessContext, event: EventOf<EventType>): ProcessContext {
  const apply = APPLY[event.type] as Apply<EventType>;
  const signedFrom = ctx.signedFrom ?? ((event as ProcessEvent).signerKeyId !== undefined ? ctx.eventCount + 1 : null);
  return { ...ctx, ...applyingOneFact(() => apply(ctx, event)), lastAt: event.at, eventCount: ctx.eventCount + 1, signedFrom };
}
