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

type GuardName =
  | 'isValidOpening'
  | 'mayManagePeople'
  | 'mayRecordEvidence'
  | 'mayEraseContent'
  | 'measureStepAllowed'
  | 'mayRecordAssessment'
  | 'milestoneReadyForSignOff'
  | 'fourEyesSignOff'
  | 'mayPauseOrResume';

export function createProcessMachine(rulebook: Rulebook) {
  const allowedByRules = ({ context, event }: { context: ProcessContext; event: ProcessEvent }) =>
    ruleReasons(rulebook, context, event).length === 0;

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
      isValidOpening: allowedByRules,
      mayManagePeople: allowedByRules,
      mayRecordEvidence: allowedByRules,
      mayEraseContent: allowedByRules,
      measureStepAllowed: allowedByRules,
      mayRecordAssessment: allowedByRules,
      milestoneReadyForSignOff: allowedByRules,
      fourEyesSignOff: allowedByRules,
      mayPauseOrResume: allowedByRules,
      exitCriteriaMet: ({ context, event }, params: { to: StageId }) =>
        event.type === 'StageAdvanced' && event.payload.to === params.to && allowedByRules({ context, event }),
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
