/**
 * The process report as data: where the process stands, who signed what and when, how mature
 * the standards are per cycle, what is open and what is overdue, every measure with its outcome,
 * the evidence with its digests, and the head of the hash chain. The CLI prints it as text; the
 * app renders the same data as the Prozessbericht (print view), so both always say the same.
 */

import {
  allEvidence,
  allMeasures,
  allRequests,
  assessmentsOf,
  findMeasure,
  stageHistory,
} from '../../machines/process/process.collections.ts';
import type { MeasureRecord, ProcessContext, StageVisit } from '../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { type CriterionStatus, exitCriteriaStatus, isOverdue } from '../../machines/process/process.queries.ts';
import type { RoleId, StageId } from '../../standards/schema.ts';
import type { ProcessEngine } from './process-engine.ts';
import { signOffDue } from './sign-off-due.ts';

export interface MilestoneReport {
  requestId: string;
  stage: StageId;
  cycle: number;
  milestoneId: string;
  requestedBy: string;
  requestedAt: string;
  status: 'open' | 'granted' | 'refused';
  waitingFor: RoleId[];
  decisions: { role: RoleId; name: string; decision: 'granted' | 'refused'; comment: string; signedAt: string; keyId: string }[];
}

export interface MeasureReport {
  measureId: string;
  title: string;
  owner: string;
  indicator: string;
  /** The cycle that planned it, and the one in which it was completed (if it was). */
  cycle: number;
  completedCycle: number | null;
  due: string;
  status: string;
  outcome: string | null;
  overdue: boolean;
  /** The reason given when it was last re-planned or cancelled. */
  lastNote: string | null;
}

export interface EvidenceReportEntry {
  evidenceId: string;
  revision: number;
  kind: string;
  title: string;
  cycle: number;
  contentType: 'file' | 'link' | 'note';
  name: string | null;
  size: number | null;
  sha256: string;
  recordedAt: string;
  /** When the content was erased from the device; the digest stays in the log. */
  erasedAt: string | null;
}

/** The head of the hash chain: what a verifier compares a bundle with. */
export interface ChainReport {
  eventCount: number;
  headHash: string;
  /** The key the opening registered: every other key was registered from it, signature by signature. */
  founderKeyId: string | null;
}

/** A key registered in the process, with its fingerprint's owner, for an auditor to compare. */
export interface ReportKey {
  keyId: string;
  personId: string;
  name: string;
  registeredAt: string;
  revokedAt: string | null;
}

/** From which event on the log is attributable, and the keys it is signed with. */
export interface SigningReport {
  /** Seq of the first signed event; null when none is (a log recorded before format 2). */
  signedFrom: number | null;
  keys: ReportKey[];
}

export interface ProcessReport {
  processId: string;
  agency: NonNullable<ProcessContext['agency']>;
  startedOn: string;
  asOf: string;
  stage: StageId;
  cycle: number;
  paused: { since: string; reason: string } | null;
  exitCriteria: CriterionStatus[];
  stageHistory: StageVisit[];
  milestones: MilestoneReport[];
  maturity: { standardId: string; levels: (number | null)[] }[];
  cycles: number[];
  openMeasures: { measureId: string; title: string; owner: string; due: string; status: string; overdue: boolean }[];
  overdueSignOffs: { requestId: string; stage: StageId; requestedAt: string; days: number; waitingFor: RoleId[] }[];
  /** Every measure of every cycle, in the order planned. */
  measures: MeasureReport[];
  /** Every evidence revision, oldest first, with its digest. */
  evidence: EvidenceReportEntry[];
  /** Null when the caller does not know the head (the snapshot alone does not hold it). */
  chain: ChainReport | null;
  signing: SigningReport;
  eventCount: number;
}

function measureReports(ctx: ProcessContext, asOf: string): MeasureReport[] {
  return allMeasures(ctx)
    .sort((a, b) => a.cycle - b.cycle || (a.history[0]?.at ?? '').localeCompare(b.history[0]?.at ?? ''))
    .map((m) => ({
      measureId: m.measureId,
      title: m.title,
      owner: m.owner,
      indicator: m.indicator,
      cycle: m.cycle,
      completedCycle: m.completedCycle,
      due: m.due,
      status: m.status,
      outcome: m.outcome,
      overdue: isOverdue(m, asOf),
      lastNote: [...m.history].reverse().find((h) => h.note && (h.status === 'replanned' || h.status === 'cancelled'))?.note ?? null,
    }));
}

function evidenceReport(ctx: ProcessContext): EvidenceReportEntry[] {
  return allEvidence(ctx)
    .flatMap((evidence) =>
      evidence.revisions.map((rev) => ({
        evidenceId: evidence.evidenceId,
        revision: rev.revision,
        kind: evidence.kind,
        title: rev.title,
        cycle: evidence.cycle,
        contentType: rev.content.type,
        name: rev.content.type === 'file' ? rev.content.name : null,
        size: rev.content.type === 'file' ? rev.content.size : null,
        sha256: rev.content.sha256,
        recordedAt: rev.at,
        erasedAt: rev.erasure?.erasedAt ?? null,
      })),
    )
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
}

/** Every sign-off request with its decisions, oldest first. */
export function milestonesOf(ctx: ProcessContext): MilestoneReport[] {
  const name = (personId: string) => ctx.people[personId]?.name ?? personId;
  return allRequests(ctx)
    .sort((a, b) => (a.requestedAt < b.requestedAt ? -1 : 1))
    .map((r) => ({
      requestId: r.requestId,
      stage: r.stage,
      cycle: r.cycle,
      milestoneId: r.milestoneId,
      requestedBy: name(r.requestedBy),
      requestedAt: r.requestedAt,
      status: r.status,
      waitingFor: r.status === 'open' ? r.requiredRoles.filter((role) => !r.decisions.some((d) => d.role === role)) : [],
      decisions: r.decisions.map((d) => ({
        role: d.role,
        name: name(d.personId),
        decision: d.decision,
        comment: d.comment,
        signedAt: d.signedAt,
        keyId: d.keyId,
      })),
    }));
}

/** Open requests past their due day as of `asOf`, with the German calendar days they have been open. */
export function overdueSignOffsOf(
  eng: ProcessEngine,
  milestones: readonly MilestoneReport[],
  asOf: string,
): ProcessReport['overdueSignOffs'] {
  const dueDays = eng.rulebook.template.signOffDueDays;
  return milestones
    .filter((m) => m.status === 'open')
    .map((m) => ({ ...m, ...signOffDue(m.requestedAt, dueDays, asOf) }))
    .filter((m) => m.overdue)
    .map(({ requestId, stage, requestedAt, daysOpen, waitingFor }) => ({ requestId, stage, requestedAt, days: daysOpen, waitingFor }));
}

/** Each standard's level per cycle (null: not rated in that cycle). */
export function maturityOf(eng: ProcessEngine, ctx: ProcessContext): ProcessReport['maturity'] {
  const cycles = Array.from({ length: ctx.cycle }, (_, i) => i + 1);
  return eng.rulebook.catalog.standards.map((s) => ({
    standardId: s.id,
    levels: cycles.map((c) => assessmentsOf(ctx, c)[s.id]?.level ?? null),
  }));
}

/** The measures still open, soonest due first. */
export function openMeasuresOf(ctx: ProcessContext, asOf: string): ProcessReport['openMeasures'] {
  return ctx.openMeasureIds
    .map((id) => findMeasure(ctx, id))
    .filter((m): m is MeasureRecord => m !== undefined)
    .sort((a, b) => (a.due < b.due ? -1 : 1))
    .map((m) => ({ measureId: m.measureId, title: m.title, owner: m.owner, due: m.due, status: m.status, overdue: isOverdue(m, asOf) }));
}

export function buildReport(eng: ProcessEngine, snapshot: ProcessSnapshot, asOf: string, chain: ChainReport | null = null): ProcessReport {
  const ctx = snapshot.context;
  if (!ctx.agency) throw new Error('the process has not been opened');
  const name = (personId: string) => ctx.people[personId]?.name ?? personId;
  const cycles = Array.from({ length: ctx.cycle }, (_, i) => i + 1);
  const milestones = milestonesOf(ctx);

  return {
    processId: ctx.processId,
    agency: ctx.agency,
    startedOn: ctx.startedOn,
    asOf,
    stage: ctx.stage,
    cycle: ctx.cycle,
    paused: ctx.pausedAt ? { since: ctx.pausedAt, reason: ctx.pauseReason ?? '' } : null,
    exitCriteria: exitCriteriaStatus(eng.rulebook, ctx, ctx.stage, asOf),
    stageHistory: stageHistory(ctx),
    milestones,
    cycles,
    maturity: maturityOf(eng, ctx),
    openMeasures: openMeasuresOf(ctx, asOf),
    overdueSignOffs: overdueSignOffsOf(eng, milestones, asOf),
    measures: measureReports(ctx, asOf),
    evidence: evidenceReport(ctx),
    chain,
    signing: {
      signedFrom: ctx.signedFrom,
      keys: Object.values(ctx.keys).map((k) => ({
        keyId: k.keyId,
        personId: k.personId,
        name: name(k.personId),
        registeredAt: k.registeredAt,
        revokedAt: k.revokedAt,
      })),
    },
    eventCount: ctx.eventCount,
  };
}
