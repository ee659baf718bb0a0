/**
 * `ankerpunkt overview FILE|FOLDER... [--csv OUT]`: many agencies' bundles side by side, the same
 * figures as the app's "Übersicht Region". Each file is verified as `verify` does, with its verdict
 * line; only intact bundles give a row, and a broken or unreadable one changes nothing for the
 * others. Of two exports of the same process the longer one counts.
 */
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { overviewCsv } from '../domain/export/overview-csv.ts';
import { type AgencyRow, agencyRow, buildOverview, type Overview } from '../domain/overview.ts';
import { engine } from '../domain/process-engine.ts';
import type { Lang } from '../i18n/lang.ts';
import { AGENCY_TYPE, chainText, copyDateText, supportText } from '../i18n/overview.ts';
import { wordsFor } from '../i18n/reasons.ts';
import { verdictLine } from '../i18n/verdict.ts';

export interface OverviewIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The bundle files named: files as given, folders by their .json and .zip files, sorted. */
async function bundlePaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const names = (await readdir(path)).filter((n) => /\.(json|zip)$/i.test(n)).sort();
      out.push(...names.map((n) => join(path, n)));
    } else out.push(path);
  }
  return out;
}

export function overviewText(overview: Overview, lang: Lang): string {
  const { rulebook } = engine();
  const w = wordsFor(rulebook, lang);
  const de = lang === 'de';
  const lines: string[] = [];
  for (const row of overview.rows) {
    lines.push(
      `${row.name} (${AGENCY_TYPE[lang][row.type]}, ${row.region}): ${w.stage(row.stage)}, ${de ? 'Zyklus' : 'cycle'} ${row.cycle}, ${de ? `seit ${row.daysInStage} Tagen` : `for ${row.daysInStage} days`}` +
        ` · ${de ? 'Maßnahmen' : 'measures'} ${row.measuresRunning} ${de ? 'laufend' : 'running'}, ${row.measuresOverdue} ${de ? 'überfällig' : 'overdue'}` +
        ` · ${de ? 'Freigaben offen' : 'sign-offs open'} ${row.openSignOffs}${row.longestWaitDays !== null ? ` (${de ? 'seit' : 'for'} ${row.longestWaitDays} ${de ? 'Tagen' : 'days'})` : ''}` +
        ` · ${chainText(row, lang)}, ${row.source.eventCount} ${de ? 'Ereignisse' : 'events'}, ${de ? 'Kopf-Hash' : 'head hash'} ${row.source.headHash}` +
        ` · ${de ? 'Stand' : 'as of'} ${copyDateText(row, lang)}`,
    );
  }
  lines.push('', de ? 'Wo Unterstützung gebraucht wird:' : 'Where support is needed:');
  if (overview.support.length === 0) lines.push(de ? '  nirgends' : '  nowhere');
  for (const row of overview.support) {
    lines.push(`  ${row.name}: ${row.support.map((n) => supportText(n, rulebook, lang)).join('; ')}`);
  }
  return lines.join('\n');
}

export async function overviewCommand(
  paths: readonly string[],
  options: { lang: Lang; csv?: string | undefined; asOf: string },
  io: OverviewIo,
  verifyFile: (path: string) => Promise<{ code: number; verdict: import('../domain/verify.ts').Verdict | null }>,
): Promise<number> {
  const { lang } = options;
  const eng = engine();
  const byProcess = new Map<string, AgencyRow>();
  let worst = 0;
  for (const path of await bundlePaths(paths)) {
    const { code, verdict } = await verifyFile(path);
    worst = Math.max(worst, code);
    if (!verdict) continue;
    io.out(`${path}: ${verdictLine(verdict, lang, eng.rulebook).split('\n')[0]}`);
    if (code !== 0 || verdict.status !== 'intact') continue;
    const { summary } = verdict;
    const row = agencyRow(
      eng,
      verdict.snapshot,
      {
        kind: 'copy',
        eventCount: summary.eventCount,
        headHash: summary.headHash,
        signedFrom: summary.attribution.signedFrom,
        exportedAt: summary.exportedAt,
      },
      options.asOf,
    );
    const known = byProcess.get(row.processId);
    if (!known || known.source.eventCount < row.source.eventCount) byProcess.set(row.processId, row);
  }
  const overview = buildOverview(eng, [...byProcess.values()]);
  io.out('');
  io.out(overviewText(overview, lang));
  if (options.csv) {
    await writeFile(options.csv, overviewCsv(overview, eng.rulebook, lang));
    io.out(
      lang === 'de'
        ? `CSV geschrieben: ${options.csv} (${overview.rows.length} Dienststellen)`
        : `CSV written: ${options.csv} (${overview.rows.length} agencies)`,
    );
  }
  return worst;
}
