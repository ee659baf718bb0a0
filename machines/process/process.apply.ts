/**
 * How each accepted fact changes what the process remembers. Pure functions from the old context
 * to a new one; the machine calls them only after the matching rule found no reason to refuse.
 */
import type { StageId } from '../../standards/schema.ts';
import { type MeasureStatus, nextMeasureStatus } from '../measure/measure.machine.ts';
import type { MeasureRecord, ProcessContext, SignOffDecisionRecord } from './process.context.ts';
import type { EventOf, EventType, PersonRegistration } from './process.events.ts';

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

function moveMeasure(
  ctx: ProcessContext,
  event: EventOf<'MeasureStarted' | 'MeasureCompleted' | 'MeasureReplanned' | 'MeasureCancelled'>,
  change: (m: MeasureRecord, status: MeasureStatus) => Partial<MeasureRecord>,
  note: string | null,
): Partial<ProcessContext> {
  const measure = ctx.measures[event.payload.measureId];
  const status = measure && nextMeasureStatus(measure.status, event.type);
  if (!measure || !status) return {}; // unreachable: the rule refused this already
  const updated: MeasureRecord = { ...measure, status, ...change(measure, status) };
  updated.history = [...measure.history, { at: event.at, status, due: updated.due, note, by: event.actor.personId }];
  return { measures: { ...ctx.measures, [measure.measureId]: updated } };
}

function decide(ctx: ProcessContext, event: EventOf<'SignOffGranted' | 'SignOffRefused'>): Partial<ProcessContext> {
  const request = ctx.signOffs[event.payload.requestId];
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
  return { signOffs: { ...ctx.signOffs, [request.requestId]: { ...request, decisions, status } } };
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
    stageHistory: [{ stage: 'mandate', cycle: 1, enteredAt: e.at, leftAt: null }],
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
    return {
      evidence: {
        ...ctx.evidence,
        [evidenceId]: {
          evidenceId,
          kind,
          proves,
          cycle: ctx.cycle,
          revisions: [{ revision: 1, title, documentDate, reviewBy, content, at: e.at, by: e.actor.personId, reason: null }],
        },
      },
    };
  },

  EvidenceRevised: (ctx, e) => {
    const evidence = ctx.evidence[e.payload.evidenceId];
    if (!evidence) return {};
    const { revision, title, documentDate, reviewBy, content, reason } = e.payload;
    const revisions = [...evidence.revisions, { revision, title, documentDate, reviewBy, content, at: e.at, by: e.actor.personId, reason }];
    return { evidence: { ...ctx.evidence, [evidence.evidenceId]: { ...evidence, revisions } } };
  },

  MeasurePlanned: (ctx, e) => {
    const p = e.payload;
    const measure: MeasureRecord = {
      ...p,
      cycle: ctx.cycle,
      status: 'planned',
      completedCycle: null,
      outcome: null,
      history: [{ at: e.at, status: 'planned', due: p.due, note: null, by: e.actor.personId }],
    };
    return { measures: { ...ctx.measures, [p.measureId]: measure } };
  },

  MeasureStarted: (ctx, e) => moveMeasure(ctx, e, () => ({}), null),
  MeasureCompleted: (ctx, e) => moveMeasure(ctx, e, () => ({ completedCycle: ctx.cycle, outcome: e.payload.outcome }), e.payload.outcome),
  MeasureReplanned: (ctx, e) => moveMeasure(ctx, e, () => ({ due: e.payload.due }), e.payload.reason),
  MeasureCancelled: (ctx, e) => moveMeasure(ctx, e, () => ({}), e.payload.reason),

  AssessmentRecorded: (ctx, e) => {
    const cycle = String(ctx.cycle);
    const { standardId, level, evidenceIds, note } = e.payload;
    const record = { standardId, level, evidenceIds, note, at: e.at, by: e.actor.personId };
    return { assessments: { ...ctx.assessments, [cycle]: { ...ctx.assessments[cycle], [standardId]: record } } };
  },

  SignOffRequested: (ctx, e) => {
    const p = e.payload;
    return {
      signOffs: {
        ...ctx.signOffs,
        [p.requestId]: {
          requestId: p.requestId,
          stage: p.stage,
          cycle: p.cycle,
          milestoneId: p.milestoneId,
          requestedBy: e.actor.personId,
          requestedAt: e.at,
          requestHash: e.hash ?? null,
          requiredRoles: p.requiredRoles,
          covers: p.covers,
          note: p.note,
          status: 'open',
          decisions: [],
        },
      },
    };
  },

  SignOffGranted: decide,
  SignOffRefused: decide,

  StageAdvanced: (ctx, e) => {
    const to: StageId = e.payload.to;
    // Leaving the last stage starts the next yearly cycle.
    const cycle = e.payload.from === 'renewal' ? ctx.cycle + 1 : ctx.cycle;
    const history = ctx.stageHistory.map((visit, i) => (i === ctx.stageHistory.length - 1 ? { ...visit, leftAt: e.at } : visit));
    return { stage: to, cycle, stageHistory: [...history, { stage: to, cycle, enteredAt: e.at, leftAt: null }] };
  },

  ProcessPaused: (_ctx, e) => ({ pausedAt: e.at, pauseReason: e.payload.reason }),
  ProcessResumed: () => ({ pausedAt: null, pauseReason: null }),
};

/** The context after `event`, including the bookkeeping every event shares. */
export function applyEvent(ctx: ProcessContext, event: EventOf<EventType>): ProcessContext {
  const apply = APPLY[event.type] as Apply<EventType>;
  return { ...ctx, ...apply(ctx, event), lastAt: event.at, eventCount: ctx.eventCount + 1 };
}
