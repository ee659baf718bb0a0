/**
 * What the process machine remembers. Plain JSON-serialisable data, so a snapshot can be cached
 * in IndexedDB and compared with a fresh replay.
 */
import type { IqLevel, MaturityLevel, RoleId, StageId } from '../../standards/schema.ts';
import type { MeasureStatus } from '../measure/measure.machine.ts';
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

export interface EvidenceRevision {
  revision: number;
  title: string;
  documentDate: string;
  reviewBy: string | null;
  content: EvidenceContent;
  at: string;
  by: string;
  reason: string | null;
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
  history: MeasureHistoryEntry[];
}

export interface AssessmentRecord {
  standardId: string;
  level: MaturityLevel;
  evidenceIds: string[];
  note: string;
  at: string;
  by: string;
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
  leftAt: string | null;
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
  pausedAt: string | null;
  pauseReason: string | null;
  stageHistory: StageVisit[];
  people: Record<string, PersonRecord>;
  keys: Record<string, KeyRecord>;
  evidence: Record<string, EvidenceRecord>;
  measures: Record<string, MeasureRecord>;
  /** Ratings by cycle ("1", "2", ...) and standard id. */
  assessments: Record<string, Record<string, AssessmentRecord>>;
  signOffs: Record<string, SignOffRequestRecord>;
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
  pausedAt: null,
  pauseReason: null,
  stageHistory: [],
  people: {},
  keys: {},
  evidence: {},
  measures: {},
  assessments: {},
  signOffs: {},
};
