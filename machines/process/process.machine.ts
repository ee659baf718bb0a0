/**
 * The DIKÖ process of one agency as a statechart: opened, then eight stages of which the last
 * five repeat every year, with pause and resume (history) around them. Every fact that may
 * happen is guarded by the rules in process.rules.ts, which read the rulebook (standards/), so
 * changing the template data changes what is required without touching this file.
 *
 * The machine is pure: time, ids and the acting person arrive in the event; it has no timers,
 * no invoked services and no randomness, so replaying a log gives the same state everywhere.
 */
import { assign, setup } from 'xstate';
import type { Rulebook } from '../../standards/rulebook.ts';
import type { StageId } from '../../standards/schema.ts';
import { applyEvent } from './process.apply.ts';
import { EMPTY_CONTEXT, type ProcessContext } from './process.context.ts';
import type { EventOf, EventType, ProcessEvent } from './process.events.ts';
import { ruleReasons } from './process.rules.ts';

/** Bumped whenever the machine would decide any recorded log differently. */
export const PROCESS_MACHINE_VERSION = '2';

/**
 * Each guard is named by the facts it decides and checks exactly those facts' rules (actor, clock,
 * and the rule of process.rules.ts). A guard asked about any other event refuses, so a transition
 * wired to the wrong guard in the chart below fails every test instead of passing silently.
 */
export const GUARDED_FACTS = {
  isValidOpening: ['ProcessOpened'],
  mayManagePeople: ['PersonRegistered', 'KeyRegistered', 'KeyRevoked'],
  mayRecordEvidence: ['EvidenceAttached', 'EvidenceRevised'],
  mayEraseContent: ['EvidenceErased'],
  measureStepAllowed: ['MeasurePlanned', 'MeasureStarted', 'MeasureCompleted', 'MeasureReplanned', 'MeasureCancelled'],
  mayRecordAssessment: ['AssessmentRecorded'],
  milestoneReadyForSignOff: ['SignOffRequested'],
  fourEyesSignOff: ['SignOffGranted', 'SignOffRefused'],
  mayPauseOrResume: ['ProcessPaused', 'ProcessResumed'],
} as const satisfies Record<string, readonly EventType[]>;

type GuardName = keyof typeof GUARDED_FACTS;

export function createProcessMachine(rulebook: Rulebook) {
  const passesRules = (context: ProcessContext, event: ProcessEvent) => ruleReasons(rulebook, context, event).length === 0;
  /** The guard that lets the facts of `name` happen when their rules give no reason against. */
  const guardOf =
    (name: GuardName) =>
    ({ context, event }: { context: ProcessContext; event: ProcessEvent }) =>
      (GUARDED_FACTS[name] as readonly EventType[]).includes(event.type) && passesRules(context, event);

  const advanceTo = (to: StageId) =>
    ({
      guard: { type: 'exitCriteriaMet', params: { to } },
      target: to,
      actions: 'recordFact',
    }) as const;

  const record = <G extends GuardName>(guard: G) => ({ guard, actions: 'recordFact' }) as const;
  const peopleAndKeys = {
    PersonRegistered: record('mayManagePeople'),
    KeyRegistered: record('mayManagePeople'),
    KeyRevoked: record('mayManagePeople'),
  } as const;
  // Erasing personal data is a legal duty that does not wait for a paused process to resume.
  const erasure = { EvidenceErased: record('mayEraseContent') } as const;

  return setup({
    types: { context: {} as ProcessContext, events: {} as ProcessEvent },
    guards: {
      isValidOpening: guardOf('isValidOpening'),
      mayManagePeople: guardOf('mayManagePeople'),
      mayRecordEvidence: guardOf('mayRecordEvidence'),
      mayEraseContent: guardOf('mayEraseContent'),
      measureStepAllowed: guardOf('measureStepAllowed'),
      mayRecordAssessment: guardOf('mayRecordAssessment'),
      milestoneReadyForSignOff: guardOf('milestoneReadyForSignOff'),
      fourEyesSignOff: guardOf('fourEyesSignOff'),
      mayPauseOrResume: guardOf('mayPauseOrResume'),
      /** The stage's exit criteria are met, and the advance goes to `to`: one guard per target stage. */
      exitCriteriaMet: ({ context, event }, params: { to: StageId }) =>
        event.type === 'StageAdvanced' && event.payload.to === params.to && passesRules(context, event),
    },
    actions: {
      recordFact: assign(({ context, event }) => applyEvent(context, event as EventOf<EventType>)),
    },
  }).createMachine({
    id: 'diko',
    version: PROCESS_MACHINE_VERSION,
    context: EMPTY_CONTEXT,
    initial: 'notStarted',
    states: {
      notStarted: {
        on: { ProcessOpened: { ...record('isValidOpening'), target: 'active' } },
      },
      active: {
        initial: 'mandate',
        on: {
          ...peopleAndKeys,
          ...erasure,
          EvidenceAttached: record('mayRecordEvidence'),
          EvidenceRevised: record('mayRecordEvidence'),
          MeasurePlanned: record('measureStepAllowed'),
          MeasureStarted: record('measureStepAllowed'),
          MeasureCompleted: record('measureStepAllowed'),
          MeasureReplanned: record('measureStepAllowed'),
          MeasureCancelled: record('measureStepAllowed'),
          AssessmentRecorded: record('mayRecordAssessment'),
          SignOffRequested: record('milestoneReadyForSignOff'),
          SignOffGranted: record('fourEyesSignOff'),
          SignOffRefused: record('fourEyesSignOff'),
          ProcessPaused: { ...record('mayPauseOrResume'), target: 'paused' },
        },
        states: {
          mandate: { on: { StageAdvanced: advanceTo('setup') } },
          setup: { on: { StageAdvanced: advanceTo('baseline') } },
          baseline: { on: { StageAdvanced: advanceTo('plan') } },
          plan: { on: { StageAdvanced: advanceTo('implementation') } },
          implementation: { on: { StageAdvanced: advanceTo('anchoring') } },
          anchoring: { on: { StageAdvanced: advanceTo('review') } },
          review: { on: { StageAdvanced: advanceTo('renewal') } },
          /** Leaving renewal starts the next yearly cycle where the template allows. */
          renewal: { on: { StageAdvanced: rulebook.template.renewalTargets.map(advanceTo) } },
          /** Where a resumed process picks up. */
          resumePoint: { type: 'history', history: 'shallow' },
        },
      },
      /** Paused (the ambassador left, a reorganisation): only people and keys change, and content may be erased. */
      paused: {
        on: {
          ...peopleAndKeys,
          ...erasure,
          ProcessResumed: { ...record('mayPauseOrResume'), target: '#diko.active.resumePoint' },
        },
      },
    },
  });
}

export type ProcessMachine = ReturnType<typeof createProcessMachine>;

/** Events a paused process still accepts. */
export const ALLOWED_WHILE_PAUSED: ReadonlySet<EventType> = new Set([
  'PersonRegistered',
  'KeyRegistered',
  'KeyRevoked',
  'EvidenceErased',
  'ProcessResumed',
]);
