/**
 * For a ZIP bundle, what `ankerpunkt verify` prints after the verdict: one line with the counts,
 * one line per evidence file that is not as the log says, a warning per content that should have
 * been erased, and every entry outside the layout by name.
 */
import type { EvidenceFileRow, EvidenceFileStatus } from '../domain/import/check-bundle.ts';
import { EVIDENCE_STATUS } from '../i18n/bundle-file.ts';
import type { Lang } from '../i18n/lang.ts';

/** Statuses listed file by file below the counts. */
const LISTED: readonly EvidenceFileStatus[] = ['mismatch', 'missing', 'notInIndex'];

const fileText = (row: EvidenceFileRow) => `evidence/${row.sha256}${row.names.length ? ` (${row.names.join(', ')})` : ''}`;

function summaryLine(rows: readonly EvidenceFileRow[], lang: Lang): string {
  const count = (status: EvidenceFileStatus) => rows.filter((row) => row.status === status).length;
  const present = count('erasedButPresent');
  return lang === 'de'
    ? `Nachweisdateien: ${count('ok')} stimmen, ${count('mismatch')} passen nicht, ${count('missing')} nicht enthalten, ${count('erased')} gelöscht, ${count('notInIndex')} nicht im Verzeichnis${present ? `, ${present} gelöscht, aber enthalten` : ''}`
    : `evidence files: ${count('ok')} match, ${count('mismatch')} do not match, ${count('missing')} not included, ${count('erased')} erased, ${count('notInIndex')} not in the index${present ? `, ${present} erased but included` : ''}`;
}

/** What the absence of a file means: no defect of the log, but nothing checked either. */
function notIncludedNote(lang: Lang): string {
  return lang === 'de'
    ? 'Hinweis: Ein Export lässt Dateien aus, die das exportierende Gerät nicht hat. Das Protokoll nennt ihre Prüfsummen; prüfen lassen sie sich nur mit den Dateien selbst.'
    : 'Note: an export leaves out files the exporting device does not have. The log names their digests; they can be checked only against the files themselves.';
}

function erasedButPresentLine(row: EvidenceFileRow, lang: Lang): string {
  return lang === 'de'
    ? `WARNUNG: Die ZIP-Datei enthält die Datei ${fileText(row)}, deren Inhalt laut Protokoll gelöscht ist: personenbezogene Daten, die nicht mehr vorhanden sein sollten.`
    : `WARNING: the ZIP file holds ${fileText(row)}, whose content the log records as erased: personal data that should be gone.`;
}

export function evidenceLines(rows: readonly EvidenceFileRow[], ignored: readonly string[], lang: Lang): string[] {
  const listed = rows.filter((row) => LISTED.includes(row.status));
  const outside = lang === 'de' ? 'nicht zum Aufbau gehörend, nicht gelesen' : 'not part of the layout, not read';
  return [
    summaryLine(rows, lang),
    ...listed.map((row) => `  ${EVIDENCE_STATUS[row.status][lang]}: ${fileText(row)}`),
    ...(rows.some((row) => row.status === 'missing') ? [notIncludedNote(lang)] : []),
    ...rows.filter((row) => row.status === 'erasedButPresent').map((row) => erasedButPresentLine(row, lang)),
    ...ignored.map((name) => `  ${outside}: ${name}`),
  ];
}
