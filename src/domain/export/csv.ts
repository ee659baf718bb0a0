/**
 * The log as a CSV table for Excel in German offices: semicolon-separated (Excel's separator
 * under a German locale), UTF-8 with a byte-order mark (without it Excel reads UTF-8 as
 * Windows-1252 and "Maßnahme" arrives garbled), CRLF line ends, RFC 4180 quoting.
 *
 * Every cell is text someone typed into some process, possibly a hostile one: a cell that starts
 * with = + - @ TAB or CR would be run by Excel as a formula (CSV injection). Such cells get a
 * leading apostrophe, as OWASP recommends, so they are shown as text.
 */
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import type { Rulebook } from '../../../standards/rulebook.ts';
import type { Lang } from '../../i18n/lang.ts';
import { wordsFor } from '../../i18n/reasons.ts';
import type { LoggedEvent } from '../chain.ts';
import { type TimelineEntry, timelineEntries } from '../timeline.ts';

export const CSV_SEPARATOR = ';';
export const CSV_LINE_END = '\r\n';
export const UTF8_BOM = '\uFEFF';
export const CSV_MEDIA_TYPE = 'text/csv;charset=utf-8';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[;"\r\n]/;

/** The cell as a spreadsheet must show it: text that cannot be mistaken for a formula. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One cell, neutralised and quoted where RFC 4180 requires it (separator, quote, line break). */
export function csvCell(value: string | number): string {
  // Numbers come from the log itself (seq, cycle), never from a person's typing.
  if (typeof value === 'number') return String(value);
  const text = neutralise(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly (string | number)[]): string {
  return cells.map(csvCell).join(CSV_SEPARATOR) + CSV_LINE_END;
}

/** A whole document: BOM, header line, one line per row. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly (string | number)[]>): string {
  const parts = [UTF8_BOM, csvLine(header)];
  for (const row of rows) parts.push(csvLine(row));
  return parts.join('');
}

export const EVENT_CSV_HEADER = {
  de: ['seq', 'Zeitpunkt (UTC)', 'Ereignistyp', 'Person', 'Rolle', 'Phase', 'Zyklus', 'Beschreibung', 'Hash', 'Vorheriger Hash'],
  en: ['seq', 'Time (UTC)', 'Event type', 'Person', 'Role', 'Stage', 'Cycle', 'Description', 'Hash', 'Previous hash'],
} as const satisfies Record<Lang, readonly string[]>;

export interface EventCsvOptions {
  events: readonly LoggedEvent[];
  /** The state after the last of `events`: it names people a cut log would not introduce. */
  snapshot: ProcessSnapshot;
  rulebook: Rulebook;
  lang: Lang;
}

/**
 * One row per event. Stage, cycle and the sentence come from the timeline (src/domain/timeline.ts),
 * so the table says exactly what the timeline screen says. The event type stays the log's own
 * identifier (StageAdvanced): it is what the bundle and docs/audit-bundle.md call it, and the
 * sentence beside it is in the reader's language.
 */
export function eventRows(options: EventCsvOptions): (string | number)[][] {
  const { events, snapshot, rulebook, lang } = options;
  const w = wordsFor(rulebook, lang);
  const entries = timelineEntries(rulebook, events, snapshot.context);
  return events.map((event, i) => {
    const entry = entries[i] as TimelineEntry;
    return [
      event.seq,
      event.at,
      event.type,
      entry.personName,
      w.role(event.actor.role),
      w.stage(entry.stage),
      entry.cycle,
      entry.text[lang],
      event.hash,
      event.prevHash,
    ];
  });
}

/** The whole log as one CSV document, one row per event. */
export function eventsCsv(options: EventCsvOptions): string {
  return csvDocument(EVENT_CSV_HEADER[options.lang], eventRows(options));
}
