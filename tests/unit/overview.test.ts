import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { buildAgencyProcess, regionSpecs } from '../../src/domain/demo/region-demo.ts';
import { overviewCsv } from '../../src/domain/export/overview-csv.ts';
import { type AgencyRow, agencyRow, buildOverview } from '../../src/domain/overview.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { buildReport } from '../../src/domain/report.ts';
import { sha256 } from '../support/demo.ts';

const AS_OF = '2026-12-01T00:00:00.000Z';

describe('the regional overview', () => {
  let states: ProcessSnapshot[];
  let rows: AgencyRow[];
  beforeAll(async () => {
    states = [];
    for (const spec of regionSpecs(12)) states.push((await buildAgencyProcess(engine(), sha256, spec)).writer.log.snapshot);
    rows = states.map((s) =>
      agencyRow(engine(), s, { kind: 'copy', eventCount: s.context.eventCount, headHash: 'h', signedFrom: 1, exportedAt: AS_OF }, AS_OF),
    );
  });

  it('gives each agency the figures its own process report gives', () => {
    expect(new Set(rows.map((r) => r.stage)).size).toBeGreaterThan(4);
    for (const [i, snapshot] of states.entries()) {
      const row = rows[i] as AgencyRow;
      const report = buildReport(engine(), snapshot, AS_OF);
      expect(row.name).toBe(report.agency.name);
      expect([row.stage, row.cycle]).toEqual([report.stage, report.cycle]);
      expect(row.measuresOverdue).toBe(report.openMeasures.filter((m) => m.overdue).length);
      expect(row.measuresRunning).toBe(report.openMeasures.filter((m) => m.status === 'running').length);
      expect(row.openSignOffs).toBe(report.milestones.filter((m) => m.status === 'open').length);
      expect(report.maturity.length).toBeGreaterThan(0);
      for (const m of report.maturity) expect(row.maturity[m.standardId]).toBe(m.levels.filter((l) => l !== null).at(-1) ?? null);
      expect(row.support.filter((n) => n.kind === 'overdueSignOff').length).toBe(report.overdueSignOffs.length);
    }
  });

  it('is the same whatever order the agencies come in', () => {
    const reference = buildOverview(engine(), rows);
    fc.assert(
      fc.property(fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }), (shuffled) => {
        expect(buildOverview(engine(), shuffled)).toEqual(reference);
      }),
      { numRuns: 30 },
    );
  });

  it("states each standard's median and spread per cycle over the agencies that rated it", () => {
    const overview = buildOverview(engine(), rows);
    const id = overview.standardIds[0] as string;
    for (const point of overview.trend[id] ?? []) {
      const levels = rows.map((r) => r.maturityByCycle[id]?.[point.cycle - 1]).filter((l): l is number => typeof l === 'number');
      expect(point.agencies).toBe(levels.length);
      expect([point.min, point.max]).toEqual([Math.min(...levels), Math.max(...levels)]);
      expect(point.median).toBeGreaterThanOrEqual(point.min);
      expect(point.median).toBeLessThanOrEqual(point.max);
    }
    expect((overview.trend[id] ?? []).length).toBeGreaterThan(0);
  });

  it('names where support is needed: stuck, overdue, ratings without current evidence', () => {
    const kinds = new Set(rows.flatMap((r) => r.support.map((n) => n.kind)));
    expect([...kinds].sort()).toEqual(['overdueMeasures', 'overdueSignOff', 'stuck', 'unprovenRating']);
    const overview = buildOverview(engine(), rows);
    expect(overview.support.every((r) => r.support.length > 0)).toBe(true);
  });

  it('writes a CSV that Excel cannot run as formulas', () => {
    const hostile = { ...(rows[0] as AgencyRow), name: '=HYPERLINK("http://x")' };
    const csv = overviewCsv(buildOverview(engine(), [hostile]), engine().rulebook, 'de');
    const lines = csv.replace('\uFEFF', '').split('\r\n');
    expect(lines[0]).toMatch(/^Dienststelle;Art;Region;Phase;Zyklus;/);
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)";/);
  });
});
