/**
 * The regional overview as data: many agencies' processes side by side, for a Regionaldirektion
 * or an IQ Prozessbegleitung. One row per agency, made from its replayed state with the same
 * functions `ankerpunkt report` uses (so the two never disagree); the standards heatmap and its
 * trend across agencies; and where support is needed. The screen, the Regionalbericht, the CSV
 * and `ankerpunkt overview` all render this; none of them computes a figure of its own.
 */
import { allEvidence, assessmentsOf, currentVisit, findEvidence } from '../../machines/process/process.collections.ts';
import type { ProcessContext } from '../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { countsAsEvidence } from '../../machines/process/process.queries.ts';
import { stageTemplate } from '../../standards/rulebook.ts';
import type { StageId } from '../../standards/schema.ts';
import { calendarDaysBetween } from '../i18n/dates.ts';
import type { ProcessEngine } from './process-engine.ts';
import { maturityOf, milestonesOf, openMeasuresOf, overdueSignOffsOf } from './report.ts';

// German calendar days, as the report counts how long a sign-off has been open (sign-off-due.ts).
const daysBetween = (from: string, to: string) => Math.max(0, calendarDaysBetween(from, to));

/** Where a row's figures come from, and what was proven about it. */
export interface RowSource {
  /** 'own': kept on this device; 'copy': a read-only copy of a bundle. */
  kind: 'own' | 'copy';
  /** The verified chain: its length, head hash and the first signed event (null: none). */
  eventCount: number;
  headHash: string;
  signedFrom: number | null;
  /** When the bundle was exported (a copy), or null (kept here: current). */
  exportedAt: string | null;
}

export type SupportNeed =
  /** Longer in the current stage than the template expects. */
  | { kind: 'stuck'; stage: StageId; days: number; expectedDays: number }
  /** A sign-off open longer than the template's due days. */
  | { kind: 'overdueSignOff'; stage: StageId; days: number }
  | { kind: 'overdueMeasures'; count: number }
  /** A standard rated 2 or higher whose evidence no longer counts (expired or erased). */
  | { kind: 'unprovenRating'; standardId: string; level: number };

export interface AgencyRow {
  processId: string;
  name: string;
  type: 'AA' | 'JC';
  region: string;
  stage: StageId;
  cycle: number;
  paused: boolean;
  daysInStage: number;
  measuresRunning: number;
  measuresOverdue: number;
  openSignOffs: number;
  /** How long the oldest open sign-off has waited, in days; null when none is open. */
  longestWaitDays: number | null;
  lastActivity: string;
  /** The newest evidence's own date (the document's), null without evidence. */
  newestEvidence: string | null;
  /** The latest level of each standard (from the latest cycle that rated it), null if never rated. */
  maturity: Record<string, number | null>;
  /** Each standard's level per cycle, cycle 1 first. */
  maturityByCycle: Record<string, (number | null)[]>;
  support: SupportNeed[];
  source: RowSource;
}

/** One agency's row, as of `asOf`. */
export function agencyRow(eng: ProcessEngine, snapshot: ProcessSnapshot, source: RowSource, asOf: string): AgencyRow {
  const ctx = snapshot.context;
  if (!ctx.agency) throw new Error('the process has not been opened');
  // The report's own pieces, not the whole report: fifty rows must take milliseconds.
  const milestones = milestonesOf(ctx);
  const openMeasures = openMeasuresOf(ctx, asOf);
  const maturityRows = maturityOf(eng, ctx);
  const visit = currentVisit(ctx);
  const daysInStage = visit.enteredAt ? daysBetween(visit.enteredAt, asOf) : 0;
  const expectedDays = stageTemplate(eng.rulebook, ctx.stage).expectedDays;
  const open = milestones.filter((m) => m.status === 'open');
  const maturityByCycle = Object.fromEntries(maturityRows.map((m) => [m.standardId, m.levels]));
  const maturity = Object.fromEntries(maturityRows.map((m) => [m.standardId, [...m.levels].reverse().find((l) => l !== null) ?? null]));
  const measuresOverdue = openMeasures.filter((m) => m.overdue).length;

  const support: SupportNeed[] = [];
  if (!ctx.pausedAt && daysInStage > expectedDays) support.push({ kind: 'stuck', stage: ctx.stage, days: daysInStage, expectedDays });
  for (const s of overdueSignOffsOf(eng, milestones, asOf)) support.push({ kind: 'overdueSignOff', stage: s.stage, days: s.days });
  if (measuresOverdue > 0) support.push({ kind: 'overdueMeasures', count: measuresOverdue });
  for (const rating of unprovenRatings(ctx, asOf)) support.push({ kind: 'unprovenRating', ...rating });

  return {
    processId: ctx.processId,
    name: ctx.agency.name,
    type: ctx.agency.type,
    region: ctx.agency.region,
    stage: ctx.stage,
    cycle: ctx.cycle,
    paused: ctx.pausedAt !== null,
    daysInStage,
    measuresRunning: openMeasures.filter((m) => m.status === 'running').length,
    measuresOverdue,
    openSignOffs: open.length,
    longestWaitDays: open.length > 0 ? Math.max(...open.map((m) => daysBetween(m.requestedAt, asOf))) : null,
    lastActivity: ctx.lastAt,
    newestEvidence: allEvidence(ctx).reduce<string | null>((newest, e) => {
      const day = e.revisions[e.revisions.length - 1]?.documentDate ?? null;
      return day !== null && (newest === null || day > newest) ? day : newest;
    }, null),
    maturity,
    maturityByCycle,
    support,
    source,
  };
}

/** The latest rating of each standard from level 2 on whose evidence does not count any more. */
function unprovenRatings(ctx: ProcessContext, asOf: string): { standardId: string; level: number }[] {
  const latest = new Map<string, { level: number; evidenceIds: string[] }>();
  for (let cycle = 1; cycle <= ctx.cycle; cycle++) {
    for (const [standardId, a] of Object.entries(assessmentsOf(ctx, cycle))) latest.set(standardId, a);
  }
  return [...latest]
    .filter(([, a]) => a.level >= 2)
    .filter(([, a]) =>
      a.evidenceIds.every((id) => {
        const evidence = findEvidence(ctx, id);
        return !evidence || !countsAsEvidence(evidence, asOf);
      }),
    )
    .map(([standardId, a]) => ({ standardId, level: a.level }));
}

/** Median and spread of the agencies' levels of one standard in one cycle of theirs. */
export interface TrendPoint {
  cycle: number;
  agencies: number;
  min: number;
  median: number;
  max: number;
}

export interface Overview {
  rows: AgencyRow[];
  standardIds: string[];
  /** Per standard, one point per cycle that at least one agency rated it in. */
  trend: Record<string, TrendPoint[]>;
  /** Agencies with at least one support need, most needs first. */
  support: AgencyRow[];
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The rows side by side, sorted by name; the same whatever order they came in. */
export function buildOverview(eng: ProcessEngine, rows: readonly AgencyRow[]): Overview {
  const sorted = [...rows].sort((a, b) => a.name.localeCompare(b.name, 'de') || a.processId.localeCompare(b.processId));
  const standardIds = eng.rulebook.catalog.standards.map((s) => s.id);
  const trend: Record<string, TrendPoint[]> = {};
  for (const id of standardIds) {
    const cycles = Math.max(0, ...sorted.map((r) => r.maturityByCycle[id]?.length ?? 0));
    trend[id] = [];
    for (let c = 0; c < cycles; c++) {
      const levels = sorted
        .map((r) => r.maturityByCycle[id]?.[c] ?? null)
        .filter((l): l is number => l !== null)
        .sort((a, b) => a - b);
      if (levels.length === 0) continue;
      trend[id].push({
        cycle: c + 1,
        agencies: levels.length,
        min: levels[0] as number,
        median: median(levels),
        max: levels[levels.length - 1] as number,
      });
    }
  }
  const support = sorted
    .filter((r) => r.support.length > 0)
    .sort((a, b) => b.support.length - a.support.length || a.name.localeCompare(b.name, 'de'));
  return { rows: sorted, standardIds, trend, support };
}
