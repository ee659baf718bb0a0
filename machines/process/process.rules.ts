/**
 * The rule for each fact: given the context and a proposed event, the reasons it may not happen
 * (an empty list means it may). Guards in the machine and `explain` both call these, so a guard
 * can never refuse without a reason to show.
 */
import { type Rulebook, stageTemplate } from '../../standards/rulebook.ts';
import { nextMeasureStatus } from '../measure/measure.machine.ts';
import { findEvidence, findMeasure, findRequest } from './process.collections.ts';
import type { ProcessContext } from './process.context.ts';
import type { EventOf, EventType, ProcessEvent, PublicKeyRecord } from './process.events.ts';
import {
  countsAsEvidence,
  coversFor,
  currentRevision,
  dayOf,
  exitCriteriaStatus,
  isExpired,
  nextStages,
  requestsFor,
  requiredSignOffRoles,
  signOffState,
  staleCovers,
} from './process.queries.ts';
import { type Reason, reason } from './reasons.ts';

type Rule<T extends EventType> = (rulebook: Rulebook, ctx: ProcessContext, event: EventOf<T>) => Reason[];

/** Who may record this fact at all: the role must be permitted and held by the registered person. */
function actorReasons(rulebook: Rulebook, ctx: ProcessContext, event: ProcessEvent): Reason[] {
  const { personId, role } = event.actor;
  const permitted = rulebook.template.permissions[event.type] ?? [];
  if (!permitted.includes(role)) return [reason('roleMayNot', { role, eventType: event.type })];
  if (event.type === 'ProcessOpened') return [];
  const person = ctx.people[personId];
  if (!person) return [reason('actorNotRegistered', { personId })];
  if (!person.roles.includes(role)) return [reason('actorLacksRole', { personId, role })];
  return [];
}

function clockReasons(ctx: ProcessContext, event: ProcessEvent): Reason[] {
  return ctx.lastAt !== '' && event.at < ctx.lastAt ? [reason('timeBeforeLastEvent', { at: event.at, lastAt: ctx.lastAt })] : [];
}

function roleConflicts(rulebook: Rulebook, roles: readonly string[]): Reason[] {
  return rulebook.template.incompatibleRoles
    .filter(([a, b]) => roles.includes(a) && roles.includes(b))
    .map((pair) => reason('incompatibleRoles', { roles: pair }));
}

function newKeyReasons(ctx: ProcessContext, key: PublicKeyRecord): Reason[] {
  return ctx.keys[key.keyId] ? [reason('keyAlreadyRegistered', { keyId: key.keyId })] : [];
}

function stageAllowsMeasures(rulebook: Rulebook, ctx: ProcessContext): Reason[] {
  return stageTemplate(rulebook, ctx.stage).allowsMeasures ? [] : [reason('measuresNotInStage', { stage: ctx.stage })];
}

function measureStep(
  rulebook: Rulebook,
  ctx: ProcessContext,
  event: EventOf<'MeasureStarted' | 'MeasureCompleted' | 'MeasureReplanned' | 'MeasureCancelled'>,
): Reason[] {
  const inStage = stageAllowsMeasures(rulebook, ctx);
  if (inStage.length > 0) return inStage;
  const measure = findMeasure(ctx, event.payload.measureId);
  if (!measure) return [reason('measureNotFound', { measureId: event.payload.measureId })];
  if (nextMeasureStatus(measure.status, event.type) === null) {
    return [
      reason('measureStepNotAllowed', { measureId: measure.measureId, title: measure.title, status: measure.status, step: event.type }),
    ];
  }
  return [];
}

function decisionReasons(_rulebook: Rulebook, ctx: ProcessContext, event: EventOf<'SignOffGranted' | 'SignOffRefused'>): Reason[] {
  const { requestId, requestHash, keyId, signedAt } = event.payload;
  const request = findRequest(ctx, requestId);
  if (!request) return [reason('requestNotFound', { requestId })];
  if (request.status !== 'open') return [reason('requestClosed', { requestId, status: request.status })];
  // A decision on what the director saw: not on evidence changed since, nor on a superseded request.
  const stale = staleCovers(ctx, request, event.at);
  const requests = requestsFor(ctx, request.stage, request.cycle);
  if (stale.length > 0 || requests[requests.length - 1]?.requestId !== requestId) {
    return [reason('requestOutdated', { requestId, evidenceIds: stale })];
  }
  const reasons: Reason[] = [];
  if (request.requestHash !== requestHash) reasons.push(reason('requestHashMismatch', { requestId }));
  const { personId, role } = event.actor;
  if (request.requestedBy === personId) reasons.push(reason('sameRequesterAndApprover', { personId }));
  if (!request.requiredRoles.includes(role)) reasons.push(reason('roleNotRequested', { requestId, role }));
  if (request.decisions.some((d) => d.role === role)) reasons.push(reason('roleAlreadyDecided', { requestId, role }));
  if (signedAt < request.requestedAt) reasons.push(reason('signedBeforeRequest', { requestId }));
  const key = ctx.keys[keyId];
  if (!key) reasons.push(reason('keyUnknown', { keyId }));
  else if (key.revokedAt !== null) reasons.push(reason('keyRevoked', { keyId, revokedAt: key.revokedAt }));
  else if (key.personId !== personId) reasons.push(reason('keyNotOwnedByActor', { keyId, personId }));
  return reasons;
}

export const RULES: { [T in EventType]: Rule<T> } = {
  ProcessOpened: (rulebook, _ctx, e) => {
    const reasons: Reason[] = [];
    const { founder, templateVersion, catalogVersion } = e.payload;
    if (templateVersion !== rulebook.template.version) {
      reasons.push(reason('templateVersionMismatch', { expected: rulebook.template.version, got: templateVersion }));
    }
    if (catalogVersion !== rulebook.catalog.version) {
      reasons.push(reason('templateVersionMismatch', { expected: rulebook.catalog.version, got: catalogVersion }));
    }
    if (founder.personId !== e.actor.personId || !founder.roles.includes(e.actor.role)) {
      reasons.push(reason('founderMustBeActor', { personId: founder.personId }));
    }
    return [...reasons, ...roleConflicts(rulebook, founder.roles)];
  },

  PersonRegistered: (rulebook, ctx, e) => {
    if (ctx.people[e.payload.personId]) return [reason('personAlreadyRegistered', { personId: e.payload.personId })];
    return [...roleConflicts(rulebook, e.payload.roles), ...newKeyReasons(ctx, e.payload.key)];
  },

  KeyRegistered: (_rulebook, ctx, e) => {
    if (!ctx.people[e.payload.personId]) return [reason('personNotRegistered', { personId: e.payload.personId })];
    return newKeyReasons(ctx, e.payload.key);
  },

  KeyRevoked: (_rulebook, ctx, e) => {
    const { personId, keyId } = e.payload;
    const key = ctx.keys[keyId];
    if (!key) return [reason('keyUnknown', { keyId })];
    if (key.personId !== personId) return [reason('keyNotOwnedByPerson', { keyId, personId })];
    if (key.revokedAt !== null) return [reason('keyRevoked', { keyId, revokedAt: key.revokedAt })];
    // Anyone may revoke their own key (a lost laptop); only the ambassador may revoke another's.
    if (e.actor.personId !== personId && e.actor.role !== 'ambassador') return [reason('revokeOthersKey', { keyId })];
    return [];
  },

  EvidenceAttached: (rulebook, ctx, e) => {
    const { evidenceId, kind, proves, documentDate, reviewBy } = e.payload;
    const reasons: Reason[] = [];
    if (findEvidence(ctx, evidenceId)) reasons.push(reason('evidenceAlreadyExists', { evidenceId }));
    if (!rulebook.evidenceKinds.kinds.some((k) => k.id === kind)) reasons.push(reason('evidenceKindUnknown', { kind }));
    if (proves.measureId !== null && !findMeasure(ctx, proves.measureId)) {
      reasons.push(reason('measureNotFound', { measureId: proves.measureId }));
    }
    for (const standardId of proves.standardIds) {
      if (!rulebook.catalog.standards.some((s) => s.id === standardId)) reasons.push(reason('standardUnknown', { standardId }));
    }
    if (reviewBy !== null && reviewBy < documentDate) reasons.push(reason('reviewBeforeDocument', { documentDate, reviewBy }));
    return reasons;
  },

  EvidenceRevised: (_rulebook, ctx, e) => {
    const { evidenceId, revision, documentDate, reviewBy } = e.payload;
    const evidence = findEvidence(ctx, evidenceId);
    if (!evidence) return [reason('evidenceNotFound', { evidenceId })];
    const expected = currentRevision(evidence).revision + 1;
    const reasons: Reason[] = [];
    if (revision !== expected) reasons.push(reason('revisionOutOfOrder', { evidenceId, expected, got: revision }));
    if (reviewBy !== null && reviewBy < documentDate) reasons.push(reason('reviewBeforeDocument', { documentDate, reviewBy }));
    return reasons;
  },

  EvidenceErased: (_rulebook, ctx, e) => {
    const { evidenceId, revision, sha256 } = e.payload;
    const evidence = findEvidence(ctx, evidenceId);
    if (!evidence) return [reason('evidenceNotFound', { evidenceId })];
    const rev = evidence.revisions.find((r) => r.revision === revision);
    if (!rev) return [reason('revisionNotFound', { evidenceId, revision })];
    // Naming the digest makes the erasure say exactly which bytes it removes.
    if (rev.content.sha256 !== sha256) return [reason('erasureDigestMismatch', { evidenceId, revision })];
    if (rev.content.type !== 'file') return [reason('contentNotErasable', { evidenceId, revision, type: rev.content.type })];
    if (rev.erasure) return [reason('evidenceAlreadyErased', { evidenceId, revision, erasedAt: rev.erasure.erasedAt })];
    return [];
  },

  MeasurePlanned: (rulebook, ctx, e) => {
    const reasons = stageAllowsMeasures(rulebook, ctx);
    const { measureId, templateId, due } = e.payload;
    if (findMeasure(ctx, measureId)) reasons.push(reason('measureAlreadyExists', { measureId }));
    if (templateId !== null && !rulebook.measureTemplates.templates.some((t) => t.id === templateId)) {
      reasons.push(reason('measureTemplateUnknown', { templateId }));
    }
    if (due < dayOf(e.at)) reasons.push(reason('dueInPast', { due }));
    return reasons;
  },

  MeasureStarted: (rulebook, ctx, e) => measureStep(rulebook, ctx, e),

  MeasureCompleted: (rulebook, ctx, e) => {
    const reasons = measureStep(rulebook, ctx, e);
    if (reasons.length > 0) return reasons;
    const measure = findMeasure(ctx, e.payload.measureId);
    const template = rulebook.measureTemplates.templates.find((t) => t.id === measure?.templateId);
    if (template?.evidenceRequiredToComplete) {
      const proven = (measure?.evidenceIds ?? []).some((id) => {
        const evidence = findEvidence(ctx, id);
        return evidence !== undefined && countsAsEvidence(evidence, e.at);
      });
      if (!proven)
        return [
          reason('measureNeedsEvidence', { measureId: e.payload.measureId, title: measure?.title ?? '', kinds: template.evidenceKinds }),
        ];
    }
    return [];
  },

  MeasureReplanned: (rulebook, ctx, e) => {
    const reasons = measureStep(rulebook, ctx, e);
    if (e.payload.due < dayOf(e.at)) reasons.push(reason('dueInPast', { due: e.payload.due }));
    return reasons;
  },

  MeasureCancelled: (rulebook, ctx, e) => measureStep(rulebook, ctx, e),

  AssessmentRecorded: (rulebook, ctx, e) => {
    if (!stageTemplate(rulebook, ctx.stage).allowsAssessment) return [reason('assessmentNotInStage', { stage: ctx.stage })];
    const { standardId, level, evidenceIds } = e.payload;
    const standard = rulebook.catalog.standards.find((s) => s.id === standardId);
    if (!standard) return [reason('standardUnknown', { standardId })];
    const reasons: Reason[] = [];
    let supporting = 0;
    for (const evidenceId of evidenceIds) {
      const evidence = findEvidence(ctx, evidenceId);
      const erasure = evidence && currentRevision(evidence).erasure;
      if (!evidence) reasons.push(reason('evidenceNotFound', { evidenceId }));
      else if (isExpired(evidence, e.at))
        reasons.push(reason('evidenceExpired', { evidenceId, reviewBy: currentRevision(evidence).reviewBy ?? '' }));
      else if (erasure) {
        reasons.push(reason('evidenceErased', { evidenceId, revision: currentRevision(evidence).revision, erasedAt: erasure.erasedAt }));
      } else if (!standard.evidenceKinds.includes(evidence.kind)) {
        reasons.push(reason('evidenceKindNotAccepted', { standardId, evidenceId, kind: evidence.kind }));
      } else supporting++;
    }
    const from = rulebook.catalog.evidenceRequiredFromLevel;
    if (level >= from && supporting === 0 && reasons.length === 0) {
      reasons.push(reason('assessmentNeedsEvidence', { standardId, level, fromLevel: from, kinds: standard.evidenceKinds }));
    }
    return reasons;
  },

  SignOffRequested: (rulebook, ctx, e) => {
    const { requestId, stage, cycle, milestoneId, requiredRoles, covers } = e.payload;
    if (findRequest(ctx, requestId)) return [reason('requestAlreadyExists', { requestId })];
    if (stage !== ctx.stage) return [reason('stageMismatch', { expected: ctx.stage, got: stage })];
    const state = signOffState(rulebook, ctx, stage, e.at);
    if (state.state === 'notNeeded') return [reason('signOffNotNeeded', { stage })];
    if (state.state === 'pending') return [reason('signOffAlreadyOpen', { requestId: state.request.requestId })];
    if (state.state === 'granted') return [reason('signOffAlreadyGranted', { requestId: state.request.requestId })];
    const unmet = exitCriteriaStatus(rulebook, ctx, stage, e.at).filter((c) => c.criterion.type !== 'signOff' && !c.met);
    if (unmet.length > 0) return unmet.flatMap((c) => c.reasons);
    const reasons: Reason[] = [];
    if (cycle !== ctx.cycle) reasons.push(reason('requestMismatch', { field: 'cycle' }));
    if (milestoneId !== stageTemplate(rulebook, stage).milestone.id) reasons.push(reason('requestMismatch', { field: 'milestoneId' }));
    const roles = requiredSignOffRoles(rulebook, ctx, stage, e.at);
    if (roles.length !== requiredRoles.length || roles.some((r) => !requiredRoles.includes(r))) {
      reasons.push(reason('requestMismatch', { field: 'requiredRoles' }));
    }
    if (JSON.stringify(coversFor(ctx, stage, e.at)) !== JSON.stringify(covers))
      reasons.push(reason('requestMismatch', { field: 'covers' }));
    return reasons;
  },

  SignOffGranted: decisionReasons,
  SignOffRefused: decisionReasons,

  StageAdvanced: (rulebook, ctx, e) => {
    const { from, to } = e.payload;
    if (from !== ctx.stage) return [reason('stageMismatch', { expected: ctx.stage, got: from })];
    const allowed = nextStages(rulebook, ctx.stage);
    if (!allowed.includes(to)) return [reason('wrongNextStage', { expected: allowed, got: to })];
    return exitCriteriaStatus(rulebook, ctx, ctx.stage, e.at).flatMap((c) => c.reasons);
  },

  ProcessPaused: () => [],
  ProcessResumed: () => [],
};

/** Every reason the fact may not happen now, leaving aside where the machine stands. */
export function ruleReasons(rulebook: Rulebook, ctx: ProcessContext, event: ProcessEvent): Reason[] {
  const rule = RULES[event.type] as Rule<EventType>;
  const actor = actorReasons(rulebook, ctx, event);
  if (actor.length > 0) return actor;
  return [...clockReasons(ctx, event), ...rule(rulebook, ctx, event as EventOf<EventType>)];
}
