/**
 * What the timeline says about one event, as data: the event's own typed payload plus what the
 * walk of the log knew at that moment (titles as they were then, the owner of a key, the stage
 * a sign-off belongs to). The sentences are made from these by src/i18n/timeline.ts, in either
 * language; the walk (timeline.ts) makes no text of its own.
 */
import type { EventType, PayloadOf } from '../../machines/process/process.events.ts';
import type { StageId } from '../../standards/schema.ts';

type FactOf<T extends EventType, Known = unknown> = { type: T; payload: PayloadOf<T> } & Known;

export type TimelineFact =
  | FactOf<'ProcessOpened', { fingerprint: string }>
  | FactOf<'PersonRegistered', { fingerprint: string }>
  | FactOf<'KeyRegistered', { fingerprint: string; ownerName: string }>
  | FactOf<'KeyRevoked', { fingerprint: string; ownerName: string }>
  /** `measureTitle`: of the measure the evidence proves, if it names one. */
  | FactOf<'EvidenceAttached', { measureTitle: string | null }>
  /** `previousTitle`: set only when the revision renamed the evidence. */
  | FactOf<'EvidenceRevised', { previousTitle: string | null }>
  | FactOf<'EvidenceErased', { title: string }>
  | FactOf<'MeasurePlanned'>
  | FactOf<'MeasureStarted', { title: string }>
  | FactOf<'MeasureCompleted', { title: string }>
  | FactOf<'MeasureReplanned', { title: string }>
  | FactOf<'MeasureCancelled', { title: string }>
  | FactOf<'AssessmentRecorded', { evidenceTitles: string[] }>
  | FactOf<'SignOffRequested', { evidenceTitles: string[] }>
  /** `cycle`: of the request answered, null if the walk did not meet it (a cut log). */
  | FactOf<'SignOffGranted', { stage: StageId; cycle: number | null; role: string; fingerprint: string }>
  | FactOf<'SignOffRefused', { stage: StageId; cycle: number | null; role: string; fingerprint: string }>
  /** `newCycle`: the cycle a renewal starts, null for other stage changes. */
  | FactOf<'StageAdvanced', { newCycle: number | null }>
  | FactOf<'ProcessPaused'>
  | FactOf<'ProcessResumed'>
  /** An event type this version does not know (written by a newer one, say). */
  | { type: 'unknown'; eventType: string };

export type TimelineFactType = TimelineFact['type'];
