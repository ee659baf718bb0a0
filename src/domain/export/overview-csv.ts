/** The regional overview as a CSV table for Excel: the same cells as everywhere, formula-safe. */
import type { Rulebook } from '../../../standards/rulebook.ts';
import type { Lang } from '../../i18n/lang.ts';
import { overviewCells, overviewHeader } from '../../i18n/overview.ts';
import type { Overview } from '../overview.ts';
import { csvDocument } from './csv.ts';

export function overviewCsv(overview: Overview, rulebook: Rulebook, lang: Lang): string {
  return csvDocument(
    overviewHeader(rulebook, lang),
    overview.rows.map((row) => overviewCells(row, rulebook, lang)),
  );
}
