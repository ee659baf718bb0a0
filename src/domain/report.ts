/**
 * The process report as data: where the process stands, who signed what and when, how mature
 * the standards are per cycle, what is open and what is overdue. The CLI prints it as text; the
 * app renders the same data, so both always say the same.
 */

import { allRequests, assessmentsOf, findMeasure, stageHistory } from '../../machines/process/process.collections.ts';
import type { MeasureRecord, ProcessContext, StageVisit } from '../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { type CriterionStatus, exitCriteriaStatus, isOverdue } from '../../machines/process/process.queries.ts';
import type { RoleId, StageId } from '../../standards/schema.ts';
import type { ProcessEngine } from './process-engine.ts';

export interface MilestoneReport {
  requestId: string;
  stage: StageId;
  cycle: number;
  milestoneId: string;
  requestedBy: string;
  requestedAt: string;
  status: 'open' | 'granted' | 'refused';
  waitingFor: RoleId[];
  decisions: { role: RoleId; name: string; decision: 'granted' | 'refused'; comment: string; signedAt: string }[];
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
  eventCount: number;
}

const DAY_MS = 86_400_000;

export function buildReport(eng: ProcessEngine, snapshot: ProcessSnapshot, asOf: string): ProcessReport {
  const ctx = snapshot.context;
  if (!ctx.agency) throw new Error('the process has not been opened');
  const name = (personId: string) => ctx.people[personId]?.name ?? personId;
  const cycles = Array.from({ length: ctx.cycle }, (_, i) => i + 1);

  const milestones: MilestoneReport[] = allRequests(ctx)
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
      })),
    }));

  const dueDays = eng.rulebook.template.signOffDueDays;
  const overdueSignOffs = milestones
    .filter((m) => m.status === 'open')
    .map((m) => ({ ...m, days: Math.floor((Date.parse(asOf) - Date.parse(m.requestedAt)) / DAY_MS) }))
    .filter((m) => m.days > dueDays)
    .map(({ requestId, stage, requestedAt, days, waitingFor }) => ({ requestId, stage, requestedAt, days, waitingFor }));

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
    maturity: eng.rulebook.catalog.standards.map((s) => ({
      standardId: s.id,
      levels: cycles.map((c) => assessmentsOf(ctx, c)[s.id]?.level ?? null),
    })),
    openMeasures: ctx.openMeasureIds
      .map((id) => findMeasure(ctx, id))
      .filter((m): m is MeasureRecord => m !== undefined)
      .sort((a, b) => (a.due < b.due ? -1 : 1))
      .map((m) => ({ measureId: m.measureId, title: m.title, owner: m.owner, due: m.due, status: m.status, overdue: isOverdue(m, asOf) })),
    overdueSignOffs,
    eventCount: ctx.eventCount,
  };
}
