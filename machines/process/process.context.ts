/**
 * What the process machine remembers. Plain JSON-serialisable data, so a snapshot can be cached
 * in IndexedDB and compared with a fresh replay.
 */
import type { IqLevel, MaturityLevel, RoleId, StageId } from '../../standards/schema.ts';
import type { MeasureStatus } from '../measure/measure.machine.ts';
import { EMPTY_ID_INDEX, type IdIndex } from './process.collections.ts';
import type { Agency, EvidenceContent, EvidenceProves, SignOffCover } from './process.events.ts';

export interface PersonRecord {
  personId: string;
  name: string;
  roles: RoleId[];
  organisation: string;
  registeredAt: string;
}

export interface KeyRecord {
  keyId: string;
  personId: string;
  publicKey: string;
  registeredAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
}

/** That a revision's file content was erased from the device: when, by whom and why. */
export interface ErasureRecord {
  erasedAt: string;
  erasedBy: string;
  reason: string;
}

export interface EvidenceRevision {
  revision: number;
  title: string;
  documentDate: string;
  reviewBy: string | null;
  content: EvidenceContent;
  at: string;
  by: string;
  reason: string | null;
  /**
   * Present only once the content was erased (EvidenceErased). Absent rather than null, so
   * snapshot caches written before erasure existed hold exactly the state a replay gives.
   */
  erasure?: ErasureRecord;
}

export interface EvidenceRecord {
  evidenceId: string;
  kind: string;
  proves: EvidenceProves;
  /** The cycle in which it was attached: stage exit criteria count this cycle's evidence. */
  cycle: number;
  revisions: EvidenceRevision[];
}

export interface MeasureHistoryEntry {
  at: string;
  status: MeasureStatus;
  due: string;
  note: string | null;
  by: string;
}

export interface MeasureRecord {
  measureId: string;
  templateId: string | null;
  title: string;
  owner: string;
  due: string;
  indicator: string;
  iqLevel: IqLevel;
  budgetCents: number | null;
  cycle: number;
  status: MeasureStatus;
  completedCycle: number | null;
  outcome: string | null;
  /** Evidence attached to prove this measure, in any cycle. */
  evidenceIds: string[];
  history: MeasureHistoryEntry[];
}

export interface AssessmentRecord {
  standardId: string;
  level: MaturityLevel;
  evidenceIds: string[];
  note: string;
  at: string;
  by: string;
  /** Position in the log (0-based), to tell what was recorded during which stage visit. */
  position: number;
}

export type SignOffDecision = 'granted' | 'refused';

export interface SignOffDecisionRecord {
  role: RoleId;
  personId: string;
  keyId: string;
  decision: SignOffDecision;
  comment: string;
  signedAt: string;
  at: string;
}

export interface SignOffRequestRecord {
  requestId: string;
  stage: StageId;
  cycle: number;
  milestoneId: string;
  requestedBy: string;
  requestedAt: string;
  /** Position of the request in the log (0-based): the later request is the one that counts. */
  position: number;
  requestHash: string | null;
  requiredRoles: RoleId[];
  covers: SignOffCover[];
  note: string;
  status: 'open' | SignOffDecision;
  decisions: SignOffDecisionRecord[];
}

export interface StageVisit {
  stage: StageId;
  cycle: number;
  enteredAt: string;
  /** Position in the log (0-based) of the event that entered the stage. */
  enteredPosition: number;
  leftAt: string | null;
}

/**
 * What happened in one yearly cycle. Collections are kept per cycle so that recording a fact
 * copies only this year's records, and questions about the current stage read only this year:
 * a process with many years of history stays as fast as a young one.
 */
export interface CycleRecord {
  cycle: number;
  stages: StageVisit[];
  /** Evidence attached in this cycle; its revisions stay with it. */
  evidence: Record<string, EvidenceRecord>;
  /** Measures planned in this cycle, wherever they stand now. */
  measures: Record<string, MeasureRecord>;
  /** Measures completed in this cycle, whichever cycle planned them. */
  completedMeasureIds: string[];
  /** Ratings of this cycle by standard id. */
  assessments: Record<string, AssessmentRecord>;
  signOffs: Record<string, SignOffRequestRecord>;
}

export interface ProcessContext {
  processId: string;
  agency: Agency | null;
  templateVersion: string;
  catalogVersion: string;
  startedOn: string;
  stage: StageId;
  cycle: number;
  lastAt: string;
  eventCount: number;
  /**
   * The position (1-based seq) of the first event signed by its actor, or null while no event
   * is. Logs recorded before events were signed (format 1) go on with signed events from then
   * on, and every event after the first signed one must be signed too.
   */
  signedFrom: number | null;
  pausedAt: string | null;
  pauseReason: string | null;
  people: Record<string, PersonRecord>;
  keys: Record<string, KeyRecord>;
  /** Cycle n is at index n - 1. */
  cycles: CycleRecord[];
  /** Measures not yet done or cancelled, from any cycle: what can become overdue. */
  openMeasureIds: string[];
  /** Which cycle holds each evidence item, measure and sign-off request (process.collections.ts). */
  ids: IdIndex;
}

export const EMPTY_CONTEXT: ProcessContext = {
  processId: '',
  agency: null,
  templateVersion: '',
  catalogVersion: '',
  startedOn: '',
  stage: 'mandate',
  cycle: 1,
  lastAt: '',
  eventCount: 0,
  signedFrom: null,
  pausedAt: null,
  pauseReason: null,
  people: {},
  keys: {},
  cycles: [],
  openMeasureIds: [],
  ids: EMPTY_ID_INDEX,
};
