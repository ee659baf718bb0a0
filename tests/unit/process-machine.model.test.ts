/**
 * Model-based test of the DIKÖ process statechart with the real rulebook. An event generator
 * plays a job centre: from any snapshot it proposes what the current stage still needs (people,
 * evidence, ratings, measures, a sign-off request, decisions, the advance), plus pauses, key
 * changes and a few facts the rules must refuse. xstate/graph explores every abstract state this
 * reaches; the shortest path to each is then replayed with `transition`, and the claims below are
 * about the steps the real machine took, not about the model's bookkeeping.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { type AnyStateNode, initialTransition, type StateValue, transition } from 'xstate';
import { adjacencyMapToArray, getAdjacencyMap, getShortestPaths, getStateNodes } from 'xstate/graph';
import { type MeasureStep, measureMachine } from '../../machines/measure/measure.machine.ts';
import {
  assessmentsOf,
  currentVisit,
  cycleRecord,
  findEvidence,
  findMeasure,
  stageHistory,
} from '../../machines/process/process.collections.ts';
import type { ProcessContext, SignOffRequestRecord } from '../../machines/process/process.context.ts';
import { type EventType, type PayloadOf, ProcessCommand, type ProcessEvent, Sha256Hex } from '../../machines/process/process.events.ts';
import { explain, type ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { createProcessMachine } from '../../machines/process/process.machine.ts';
import {
  coversFor,
  currentRevision,
  dayOf,
  exitCriteriaStatus,
  requiredSignOffRoles,
  signOffState,
} from '../../machines/process/process.queries.ts';
import { defaultRulebook, stageTemplate } from '../../standards/rulebook.ts';
import { type RoleId, STAGE_ORDER, type StageId } from '../../standards/schema.ts';

const rulebook = defaultRulebook;
const machine = createProcessMachine(rulebook);

// ---------------------------------------------------------------- the job centre's people

interface Member {
  personId: string;
  name: string;
  role: RoleId;
}

const AMBASSADOR: Member = { personId: 'p-aydin', name: 'Leyla Aydın', role: 'ambassador' };
/** Registered in this order before any other work; each signs where the template says so. */
const SIGNATORIES: readonly Member[] = [
  { personId: 'p-berger', name: 'Dr. Thomas Berger', role: 'managingDirector' },
  { personId: 'p-hoffmann', name: 'Jürgen Hoffmann', role: 'staffCouncil' },
  { personId: 'p-wolf', name: 'Sabine Wolf', role: 'supervisoryBoard' },
];
const signatory = (role: RoleId) => SIGNATORIES.find((m) => m.role === role);

// The machine checks neither keys nor signatures (the domain does), so fixed fakes of the
// right shape will do: 65 bytes and 64 bytes in base64url.
const FAKE_PUBLIC_KEY = `B${'A'.repeat(86)}`;
const FAKE_SIGNATURE = 'S'.repeat(86);

// ---------------------------------------------------------------- facts, derived from the context

const START = Date.parse('2026-01-05T08:00:00.000Z');
/** One minute per recorded fact: time never goes back and every path is deterministic. */
const timeAt = (ctx: ProcessContext) => new Date(START + ctx.eventCount * 60_000).toISOString();
const hex = (n: number, digits: number, pad = '0') => n.toString(16).padStart(digits, pad);
const daysAfter = (at: string, days: number) => new Date(Date.parse(at) + days * 86_400_000).toISOString().slice(0, 10);

function fact<T extends EventType>(ctx: ProcessContext, type: T, actor: Member, payload: PayloadOf<T>): ProcessEvent {
  const at = timeAt(ctx);
  return { id: `e${ctx.eventCount}-${type}`, type, at, actor: { personId: actor.personId, role: actor.role }, payload } as ProcessEvent;
}

const newKey = (ctx: ProcessContext) => ({
  keyId: hex(ctx.eventCount, 32),
  algorithm: 'ECDSA-P256-SHA256' as const,
  publicKey: FAKE_PUBLIC_KEY,
});
const registrationOf = (ctx: ProcessContext, m: Member) => ({
  personId: m.personId,
  name: m.name,
  roles: [m.role],
  organisation: 'Jobcenter Modellstadt',
  key: newKey(ctx),
});
const activeKeys = (ctx: ProcessContext, personId: string) =>
  Object.values(ctx.keys).filter((k) => k.personId === personId && k.revokedAt === null);

function openProcess(ctx: ProcessContext, templateVersion = rulebook.template.version): ProcessEvent {
  return fact(ctx, 'ProcessOpened', AMBASSADOR, {
    processId: 'jc-modellstadt',
    agency: { name: 'Jobcenter Modellstadt', type: 'JC', region: 'Baden-Württemberg' },
    templateVersion,
    catalogVersion: rulebook.catalog.version,
    startedOn: dayOf(timeAt(ctx)),
    founder: registrationOf(ctx, AMBASSADOR),
  });
}

function attachEvidence(ctx: ProcessContext, kind: string, measureId: string | null = null): ProcessEvent {
  const at = timeAt(ctx);
  return fact(ctx, 'EvidenceAttached', AMBASSADOR, {
    evidenceId: `ev-c${ctx.cycle}-${ctx.eventCount}-${kind}`,
    kind,
    title: `${kind} (${ctx.stage})`,
    documentDate: dayOf(at),
    reviewBy: null,
    proves: { stage: ctx.stage, measureId, standardIds: [] },
    // A file: the one kind of content that can later be erased.
    content: { type: 'file', name: `${kind}.pdf`, mediaType: 'application/pdf', size: 1024, sha256: hex(ctx.eventCount, 64) },
  });
}

/** Erases the content of the evidence's current revision, if it is a file not yet erased. */
function eraseEvidence(ctx: ProcessContext, evidenceId: string): ProcessEvent[] {
  const evidence = findEvidence(ctx, evidenceId);
  const rev = evidence && currentRevision(evidence);
  if (rev?.content.type !== 'file' || rev.erasure) return [];
  return [
    fact(ctx, 'EvidenceErased', AMBASSADOR, {
      evidenceId,
      revision: rev.revision,
      sha256: rev.content.sha256,
      reason: 'Enthält versehentlich Namen von Kund*innen',
    }),
  ];
}

function reviseEvidence(ctx: ProcessContext, evidenceId: string): ProcessEvent[] {
  const evidence = findEvidence(ctx, evidenceId);
  if (!evidence) return [];
  const at = timeAt(ctx);
  return [
    fact(ctx, 'EvidenceRevised', AMBASSADOR, {
      evidenceId,
      revision: currentRevision(evidence).revision + 1,
      title: `${evidence.kind} (${ctx.stage}), überarbeitet`,
      documentDate: dayOf(at),
      reviewBy: null,
      content: { type: 'note', text: `${evidence.kind}, neue Fassung`, sha256: hex(ctx.eventCount, 64) },
      reason: 'Neue Fassung nach der Freigabe',
    }),
  ];
}

function planMeasure(ctx: ProcessContext, templateId: string): ProcessEvent[] {
  const template = rulebook.measureTemplates.templates.find((t) => t.id === templateId);
  if (!template) throw new Error(`no measure template ${templateId}`);
  return [
    fact(ctx, 'MeasurePlanned', AMBASSADOR, {
      measureId: `m-c${ctx.cycle}-${ctx.eventCount}`,
      templateId,
      title: template.title.de,
      owner: AMBASSADOR.name,
      due: daysAfter(timeAt(ctx), 90),
      indicator: template.suggestedIndicator.de,
      iqLevel: template.iqLevel,
      budgetCents: null,
    }),
  ];
}

function requestSignOff(ctx: ProcessContext): ProcessEvent {
  const at = timeAt(ctx);
  const request = fact(ctx, 'SignOffRequested', AMBASSADOR, {
    requestId: `so-c${ctx.cycle}-${ctx.eventCount}`,
    stage: ctx.stage,
    cycle: ctx.cycle,
    milestoneId: stageTemplate(rulebook, ctx.stage).milestone.id,
    requiredRoles: requiredSignOffRoles(rulebook, ctx, ctx.stage, at),
    covers: coversFor(ctx, ctx.stage, at),
    note: '',
  });
  // The machine keeps the request event's hash; decisions must repeat it.
  return { ...request, hash: hex(ctx.eventCount, 64, 'a') };
}

function decide(
  ctx: ProcessContext,
  request: SignOffRequestRecord,
  role: RoleId,
  decision: 'SignOffGranted' | 'SignOffRefused',
): ProcessEvent[] {
  const signer = signatory(role);
  const key = signer && activeKeys(ctx, signer.personId)[0];
  if (!signer || !key) return [];
  const payload = {
    requestId: request.requestId,
    requestHash: request.requestHash ?? '',
    comment: decision === 'SignOffGranted' ? '' : 'Bitte überarbeiten.',
    signedAt: timeAt(ctx),
    keyId: key.keyId,
    signature: FAKE_SIGNATURE,
  };
  return [fact(ctx, decision, signer, payload)];
}

// ---------------------------------------------------------------- the event generator

/** Where leaving the current stage may lead: the next stage, or the renewal targets. */
function nextStages(stage: StageId): readonly StageId[] {
  const next = STAGE_ORDER[STAGE_ORDER.indexOf(stage) + 1];
  return next ? [next] : rulebook.template.renewalTargets;
}

/** This cycle's measures, cancelled ones included. */
const measuresOfCycle = (ctx: ProcessContext) => Object.values(cycleRecord(ctx).measures);

/**
 * Implementation runs the measures: a planned one starts, gathers its evidence and completes;
 * any open one may be re-planned (again) or, once a cycle, cancelled, after which another is planned.
 */
function measureWork(ctx: ProcessContext): ProcessEvent[] {
  const ofCycle = measuresOfCycle(ctx);
  const events: ProcessEvent[] = [];
  if (!ofCycle.some((m) => m.status !== 'cancelled')) events.push(...planMeasure(ctx, 'team-meeting-series'));
  for (const m of ofCycle) {
    const template = rulebook.measureTemplates.templates.find((t) => t.id === m.templateId);
    const needsProof = template?.evidenceRequiredToComplete === true && m.evidenceIds.length === 0;
    if (m.status === 'done' || m.status === 'cancelled') continue;
    const measureId = m.measureId;
    if (m.status !== 'running') events.push(fact(ctx, 'MeasureStarted', AMBASSADOR, { measureId }));
    if (m.status !== 'planned') {
      if (needsProof) events.push(attachEvidence(ctx, template?.evidenceKinds[0] ?? 'protokoll', measureId));
      else events.push(fact(ctx, 'MeasureCompleted', AMBASSADOR, { measureId, outcome: 'Durchgeführt' }));
    }
    events.push(fact(ctx, 'MeasureReplanned', AMBASSADOR, { measureId, due: daysAfter(timeAt(ctx), 120), reason: 'Referent*in erkrankt' }));
    if (!ofCycle.some((other) => other.status === 'cancelled')) {
      events.push(fact(ctx, 'MeasureCancelled', AMBASSADOR, { measureId, reason: 'Kein Bedarf mehr' }));
    }
  }
  return events;
}

function signOffWork(ctx: ProcessContext): ProcessEvent[] {
  const s = signOffState(rulebook, ctx, ctx.stage, timeAt(ctx));
  switch (s.state) {
    case 'notNeeded':
      return [];
    // Proposed even while other criteria are unmet, so the rules get to refuse it.
    case 'missing':
    case 'refused':
    case 'stale':
      return [requestSignOff(ctx)];
    case 'pending': {
      const grants = s.roles.flatMap((role) => decide(ctx, s.request, role, 'SignOffGranted'));
      const fresh = s.request.decisions.length === 0;
      return [...grants, ...(fresh && s.roles[0] ? decide(ctx, s.request, s.roles[0], 'SignOffRefused') : [])];
    }
    case 'granted': {
      // Revising approved evidence, or erasing its content, makes the grant stale and asks for a new request.
      const covered = s.request.covers[0];
      return covered ? [...reviseEvidence(ctx, covered.evidenceId), ...eraseEvidence(ctx, covered.evidenceId)] : [];
    }
  }
}

/** What the current stage still needs, plus the advance (refused until its criteria are met). */
function stageWork(ctx: ProcessContext): ProcessEvent[] {
  const at = timeAt(ctx);
  const unmet = exitCriteriaStatus(rulebook, ctx, ctx.stage, at).filter((c) => !c.met);
  const events: ProcessEvent[] = [];
  for (const { criterion, reasons } of unmet) {
    if (criterion.type === 'evidence') events.push(...criterion.kinds.map((kind) => attachEvidence(ctx, kind)));
    if (criterion.type === 'measuresPlanned') events.push(...planMeasure(ctx, 'recognition-seminar'));
    if (criterion.type === 'standardsAssessed') {
      // Ratings count for the stage visit they were made in; the reason lists what is missing.
      const missing = (reasons[0]?.params.missing ?? []) as readonly string[];
      const next = rulebook.catalog.standards.find((s) => missing.includes(s.id));
      // Level 1 needs no evidence; the catalog asks for it from level 2.
      if (next) events.push(fact(ctx, 'AssessmentRecorded', AMBASSADOR, { standardId: next.id, level: 1, evidenceIds: [], note: '' }));
    }
  }
  if (ctx.stage === 'implementation') events.push(...measureWork(ctx));
  events.push(...signOffWork(ctx));
  events.push(...nextStages(ctx.stage).map((to) => fact(ctx, 'StageAdvanced', AMBASSADOR, { from: ctx.stage, to })));
  return events;
}

function keyWork(ctx: ProcessContext, register: boolean): ProcessEvent[] {
  const keys = activeKeys(ctx, AMBASSADOR.personId);
  const oldest = keys[0];
  return [
    ...(register ? [fact(ctx, 'KeyRegistered', AMBASSADOR, { personId: AMBASSADOR.personId, key: newKey(ctx) })] : []),
    ...(keys.length >= 2 && oldest
      ? [fact(ctx, 'KeyRevoked', AMBASSADOR, { personId: AMBASSADOR.personId, keyId: oldest.keyId, reason: 'Laptop verloren' })]
      : []),
  ];
}

/** The stage was entered by the last recorded fact (opening or advance). */
const justEntered = (ctx: ProcessContext) => stageHistory(ctx).at(-1)?.enteredAt === ctx.lastAt;

function proposeEvents(snapshot: ProcessSnapshot): ProcessEvent[] {
  const ctx = snapshot.context;
  if (snapshot.matches('notStarted')) return [openProcess(ctx), openProcess(ctx, '1999.1')];
  const newcomer = SIGNATORIES.find((m) => !ctx.people[m.personId]);
  const registration = newcomer ? [fact(ctx, 'PersonRegistered', AMBASSADOR, registrationOf(ctx, newcomer))] : [];
  if (snapshot.matches('paused')) {
    const resume = fact(ctx, 'ProcessResumed', AMBASSADOR, { note: 'Zurück aus der Elternzeit' });
    // Erasing content does not wait for the process to resume; attaching evidence does.
    const erasable = Object.keys(cycleRecord(ctx).evidence).flatMap((id) => eraseEvidence(ctx, id));
    return [resume, ...registration, ...keyWork(ctx, true), attachEvidence(ctx, 'notiz'), ...erasable.slice(0, 1)];
  }
  // Pausing and new keys are tried once per stage, right after entering it.
  const entered = justEntered(ctx);
  const interruptions = entered ? [fact(ctx, 'ProcessPaused', AMBASSADOR, { reason: 'Elternzeit der IKBO' })] : [];
  const keys = keyWork(ctx, entered);
  if (newcomer) return [...registration, ...interruptions, ...keys];
  return [...stageWork(ctx), ...interruptions, ...keys];
}

// ---------------------------------------------------------------- the abstraction

/** What decides the next step; everything else in the context only grows. */
function abstractState(snapshot: ProcessSnapshot, via: EventType | null): string {
  const ctx = snapshot.context;
  if (snapshot.matches('notStarted')) return JSON.stringify({ value: snapshot.value });
  const at = timeAt(ctx);
  const s = signOffState(rulebook, ctx, ctx.stage, at);
  return JSON.stringify({
    value: snapshot.value,
    stage: ctx.stage,
    cycle: Math.min(ctx.cycle, 2),
    people: Object.keys(ctx.people).length,
    met: exitCriteriaStatus(rulebook, ctx, ctx.stage, at).map((c) => c.met),
    assessed: Object.values(assessmentsOf(ctx)).filter((r) => r.position >= currentVisit(ctx).enteredPosition).length,
    measures: measuresOfCycle(ctx)
      .map((m) => `${m.templateId}:${m.status}${m.evidenceIds.length > 0 ? '+evidence' : ''}`)
      .sort(),
    signers: requiredSignOffRoles(rulebook, ctx, ctx.stage, at),
    signOff: s.state === 'pending' ? `pending:${s.roles.join('+')}` : s.state,
    via,
  });
}

/**
 * Every accepted fact increments eventCount, so it yields a new snapshot; keyed also by the
 * fact's type, self-transitions (evidence, keys, ...) become vertices and so lie on shortest
 * paths. A refused fact returns the same snapshot object and keeps its vertex's key.
 */
const vertexKeys = new WeakMap<ProcessSnapshot, string>();
function serializeState(snapshot: ProcessSnapshot, event: ProcessEvent | undefined): string {
  let key = vertexKeys.get(snapshot);
  if (key === undefined) {
    key = abstractState(snapshot, event?.type ?? null);
    vertexKeys.set(snapshot, key);
  }
  return key;
}

const traversal = { events: proposeEvents, serializeState, limit: 200_000 };

// ---------------------------------------------------------------- the statechart's own transitions

interface DefinedTransition {
  source: AnyStateNode;
  eventType: string;
  targets: readonly AnyStateNode[] | undefined;
  label: string;
}

function definedTransitions(node: AnyStateNode): DefinedTransition[] {
  const own = [...node.transitions.values()].flat().map((t) => ({
    source: node,
    eventType: t.eventType,
    targets: t.target,
    label: `${node.id} --${t.eventType}--> ${t.target ? t.target.map((n) => n.id).join(',') : '(self)'}`,
  }));
  return [...own, ...Object.values(node.states).flatMap(definedTransitions)];
}

const DEFINED = definedTransitions(machine.root);

/** The atomic state a value stands for, as a path ("active.plan"); the chart has no parallel states. */
function statePath(value: StateValue): string[] {
  if (typeof value === 'string') return [value];
  return Object.entries(value).flatMap(([key, child]) => (child === undefined ? [key] : [key, ...statePath(child)]));
}
const isIn = (snapshot: ProcessSnapshot, node: AnyStateNode) => {
  const path = statePath(snapshot.value);
  return node.path.every((segment, i) => path[i] === segment);
};

type ProcessPath = ReturnType<typeof getShortestPaths<typeof machine>>[number];

interface ObservedStep {
  before: ProcessSnapshot;
  event: ProcessEvent;
  after: ProcessSnapshot;
  /** The model's snapshot for this step, to compare keys with. */
  modelled: ProcessSnapshot;
  /** While paused: the stage in which the process was paused. */
  pausedIn: string | undefined;
}

/** Would `t` lead from `step.before` to `step.after`? History resumes where the pause began. */
function leadsTo(t: DefinedTransition, step: ObservedStep): boolean {
  if (!t.targets) return JSON.stringify(step.after.value) === JSON.stringify(step.before.value);
  return t.targets.every((target) =>
    target.type === 'history'
      ? statePath(step.after.value).join('.') === [...(target.parent?.path ?? []), step.pausedIn].join('.')
      : isIn(step.after, target),
  );
}

/** The defined transition a step took: the deepest source wins, as in the statechart. */
function takenTransition(step: ObservedStep): DefinedTransition | undefined {
  return DEFINED.filter((t) => t.eventType === step.event.type && isIn(step.before, t.source))
    .sort((a, b) => b.source.path.length - a.source.path.length)
    .find((t) => leadsTo(t, step));
}

/**
 * Replays the shortest paths with the pure `transition`, sharing common prefixes, and returns
 * each distinct step once, parents before children.
 */
function replay(paths: ProcessPath[]): ObservedStep[] {
  const [initial] = initialTransition(machine);
  serializeState(initial, undefined);
  const next = new Map<ProcessSnapshot, Map<ProcessEvent, ProcessSnapshot>>();
  const pausedIn = new Map<ProcessSnapshot, string | undefined>();
  const observed: ObservedStep[] = [];
  for (const path of paths) {
    let before = initial;
    for (const { event, state: modelled } of path.steps.slice(1)) {
      let after = next.get(before)?.get(event);
      if (!after) {
        [after] = transition(machine, before, event);
        serializeState(after, event);
        const step = { before, event, after, modelled, pausedIn: pausedIn.get(before) };
        if (after.matches('paused')) pausedIn.set(after, before.matches('paused') ? step.pausedIn : statePath(before.value).at(-1));
        observed.push(step);
        next.set(before, (next.get(before) ?? new Map()).set(event, after));
      }
      before = after;
    }
  }
  return observed;
}

/** The measure and the life-cycle step a fact asks for, if it is a measure step. */
function measureStepOf(event: ProcessEvent): { measureId: string; step: MeasureStep } | undefined {
  switch (event.type) {
    case 'MeasureStarted':
    case 'MeasureCompleted':
    case 'MeasureReplanned':
    case 'MeasureCancelled':
      return { measureId: event.payload.measureId, step: { type: event.type } };
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- the specification

describe('process machine model', () => {
  let paths: ProcessPath[];
  let observed: ObservedStep[];
  /** Every fact the generator proposed in every explored state, refused ones included. */
  let explored: { before: ProcessSnapshot; event: ProcessEvent; after: ProcessSnapshot }[];

  beforeAll(() => {
    paths = getShortestPaths(machine, traversal);
    observed = replay(paths);
    explored = adjacencyMapToArray(getAdjacencyMap(machine, traversal)).map((e) => ({
      before: e.state,
      event: e.event,
      after: e.nextState,
    }));
  });

  it('replays every generated path: each fact is accepted and lands where the model says', () => {
    const refused = observed
      .filter((s) => s.after === s.before)
      .map((s) => `${s.event.type}: ${JSON.stringify(explain(rulebook, s.before, s.event))}`);
    expect(refused).toEqual([]);
    const elsewhere = observed.filter((s) => vertexKeys.get(s.after) !== vertexKeys.get(s.modelled));
    expect(elsewhere.map((s) => `${vertexKeys.get(s.after)} ≠ ${vertexKeys.get(s.modelled)}`)).toEqual([]);
  });

  it('records only facts the event schema accepts', () => {
    const invalid = observed.flatMap(({ event }) => {
      const { hash, ...command } = event;
      const problems = [
        ...(ProcessCommand.safeParse(command).error?.issues ?? []),
        ...(hash === undefined ? [] : (Sha256Hex.safeParse(hash).error?.issues ?? [])),
      ];
      return problems.map((issue) => `${event.type} ${issue.path.join('.')}: ${issue.message}`);
    });
    expect([...new Set(invalid)]).toEqual([]);
  });

  it('reaches every state: not started, each of the eight stages, paused', () => {
    const atomic = getStateNodes(machine.root)
      .filter((n) => n.type === 'atomic')
      .map((n) => n.path.join('.'));
    expect(atomic).toEqual(['notStarted', ...STAGE_ORDER.map((stage) => `active.${stage}`), 'paused']);
    const reached = new Set(['notStarted', ...observed.map((s) => statePath(s.after.value).join('.'))]);
    expect(atomic.filter((p) => !reached.has(p))).toEqual([]);
  });

  it('takes every transition defined in the statechart, and no other', () => {
    const taken = observed.map((step) => ({ step, transition: takenTransition(step) }));
    const unexplained = taken
      .filter((t) => !t.transition)
      .map(({ step }) => `${statePath(step.before.value).join('.')} --${step.event.type}--> ${statePath(step.after.value).join('.')}`);
    expect([...new Set(unexplained)]).toEqual([]);
    const labels = new Set(taken.map((t) => t.transition?.label));
    expect(DEFINED.filter((t) => !labels.has(t.label)).map((t) => t.label)).toEqual([]);
    // The enumeration found what the brief of the chart promises, self-transitions included.
    expect(DEFINED.map((t) => t.label)).toEqual(
      expect.arrayContaining([
        'diko.notStarted --ProcessOpened--> diko.active',
        'diko.active --EvidenceRevised--> (self)',
        'diko.active --MeasureCancelled--> (self)',
        'diko.active --SignOffRefused--> (self)',
        'diko.active --ProcessPaused--> diko.paused',
        'diko.active.renewal --StageAdvanced--> diko.active.plan',
        'diko.active.renewal --StageAdvanced--> diko.active.implementation',
        'diko.paused --KeyRevoked--> (self)',
        'diko.active --EvidenceErased--> (self)',
        'diko.paused --EvidenceErased--> (self)',
        'diko.paused --ProcessResumed--> diko.active.resumePoint',
      ]),
    );
  });

  it('pauses in every stage and resumes in the stage it paused in', () => {
    const pausedFrom = new Set(
      observed.filter((s) => s.event.type === 'ProcessPaused' && s.after.matches('paused')).map((s) => statePath(s.before.value).at(-1)),
    );
    const resumes = observed.filter((s) => s.event.type === 'ProcessResumed' && s.after !== s.before);
    for (const s of resumes) expect(statePath(s.after.value)).toEqual(['active', s.pausedIn]);
    expect([...pausedFrom].sort()).toEqual([...STAGE_ORDER].sort());
    expect([...new Set(resumes.map((s) => s.pausedIn))].sort()).toEqual([...STAGE_ORDER].sort());
  });

  it('starts the next yearly cycle when renewal leads to plan or to implementation', () => {
    for (const to of rulebook.template.renewalTargets) {
      const renewals = observed.filter(
        (s) => s.event.type === 'StageAdvanced' && s.before.matches({ active: 'renewal' }) && statePath(s.after.value).at(-1) === to,
      );
      expect(renewals.length, `renewal → ${to}`).toBeGreaterThan(0);
      for (const s of renewals) expect(s.after.context.cycle).toBe(s.before.context.cycle + 1);
      expect(renewals.some((s) => s.after.context.cycle === 2)).toBe(true);
    }
  });

  it('explains a refusal exactly when the machine refuses, on every explored edge', () => {
    const disagreements = [...explored, ...observed].flatMap(({ before, event, after }) => {
      const reasons = explain(rulebook, before, event);
      const changed = after !== before;
      return changed === (reasons.length === 0)
        ? []
        : [`${event.type} in ${statePath(before.value).join('.')}: changed ${changed}, reasons ${JSON.stringify(reasons)}`];
    });
    expect(disagreements).toEqual([]);
    // The generator does propose facts to refuse, so both directions are exercised.
    expect(explored.filter((e) => e.after === e.before).length).toBeGreaterThan(0);
  });

  it('lets a measure take exactly the steps its life cycle defines', () => {
    const disagreements = explored.flatMap(({ before, event }) => {
      const asked = measureStepOf(event);
      const measure = asked && findMeasure(before.context, asked.measureId);
      // Elsewhere the stage refuses every measure step before the life cycle is asked.
      const measuresHere = before.matches('active') && stageTemplate(rulebook, before.context.stage).allowsMeasures;
      if (!asked || !measure || !measuresHere) return [];
      const defined = measureMachine.resolveState({ value: measure.status }).can(asked.step);
      const reasons = explain(rulebook, before, event);
      const refusedByLifeCycle = reasons.some((r) => r.code === 'measureStepNotAllowed');
      const codes = reasons.map((r) => r.code).join(', ') || 'accepted';
      return defined === !refusedByLifeCycle
        ? []
        : [`${event.type} of a ${measure.status} measure (life cycle: ${defined ? 'defined' : 'undefined'}): ${codes}`];
    });
    expect([...new Set(disagreements)]).toEqual([]);
    expect(explored.some(({ event }) => measureStepOf(event) !== undefined)).toBe(true);
  });
});
