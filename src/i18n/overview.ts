/**
 * The words of the regional overview, German and English, for every place that shows it: the
 * screen, the Regionalbericht, the CSV and `ankerpunkt overview`. One table of texts, so a column
 * is called the same everywhere.
 */
import type { Rulebook } from '../../standards/rulebook.ts';
import type { AgencyRow, SupportNeed } from '../domain/overview.ts';
import { formatDay } from './dates.ts';
import type { Lang } from './lang.ts';
import { wordsFor } from './reasons.ts';

export const OVERVIEW_COLUMNS = {
  de: {
    name: 'Dienststelle',
    type: 'Art',
    region: 'Region',
    stage: 'Phase',
    cycle: 'Zyklus',
    daysInStage: 'Tage in der Phase',
    measuresRunning: 'Maßnahmen laufend',
    measuresOverdue: 'Maßnahmen überfällig',
    openSignOffs: 'Freigaben offen',
    longestWait: 'Wartet seit (Tage)',
    lastActivity: 'Letzte Aktivität',
    newestEvidence: 'Neuester Nachweis',
    chain: 'Prüfpfad',
    exportedAt: 'Stand der Kopie',
    headHash: 'Kopf-Hash',
    eventCount: 'Ereignisse',
    support: 'Unterstützungsbedarf',
  },
  en: {
    name: 'Agency',
    type: 'Type',
    region: 'Region',
    stage: 'Stage',
    cycle: 'Cycle',
    daysInStage: 'Days in stage',
    measuresRunning: 'Measures running',
    measuresOverdue: 'Measures overdue',
    openSignOffs: 'Sign-offs open',
    longestWait: 'Waiting (days)',
    lastActivity: 'Last activity',
    newestEvidence: 'Newest evidence',
    chain: 'Audit trail',
    exportedAt: 'Copy as of',
    headHash: 'Head hash',
    eventCount: 'Events',
    support: 'Support needed',
  },
} as const;

export const AGENCY_TYPE = {
  de: { AA: 'Agentur für Arbeit', JC: 'Jobcenter' },
  en: { AA: 'Employment agency', JC: 'Job centre' },
} as const;

export function supportText(need: SupportNeed, rulebook: Rulebook, lang: Lang): string {
  const w = wordsFor(rulebook, lang);
  const de = lang === 'de';
  switch (need.kind) {
    case 'stuck':
      return de
        ? `seit ${need.days} Tagen in „${w.stage(need.stage)}“ (üblich: ${need.expectedDays})`
        : `${need.days} days in "${w.stage(need.stage)}" (usual: ${need.expectedDays})`;
    case 'overdueSignOff':
      return de
        ? `Freigabe „${w.stage(need.stage)}“ seit ${need.days} Tagen offen`
        : `sign-off "${w.stage(need.stage)}" open for ${need.days} days`;
    case 'overdueMeasures':
      return de ? `${need.count} Maßnahmen überfällig` : `${need.count} measures overdue`;
    case 'unprovenRating':
      return de
        ? `„${w.standards([need.standardId])}“ mit Stufe ${need.level} ohne gültigen Nachweis`
        : `"${w.standards([need.standardId])}" rated ${need.level} without current evidence`;
  }
}

/** The trail's state in words: intact, and from where attributable. */
export function chainText(row: AgencyRow, lang: Lang): string {
  const { signedFrom } = row.source;
  const de = lang === 'de';
  if (signedFrom === 1) return de ? 'intakt, signiert' : 'intact, signed';
  if (signedFrom === null) return de ? 'intakt, nicht einzeln signiert' : 'intact, not signed per event';
  return de ? `intakt, signiert ab Ereignis ${signedFrom}` : `intact, signed from event ${signedFrom}`;
}

export function copyDateText(row: AgencyRow, lang: Lang): string {
  if (row.source.exportedAt) return formatDay(row.source.exportedAt, lang);
  return lang === 'de' ? 'eigener Prozess (aktuell)' : 'own process (current)';
}

/** The cells of one row for the CSV and the terminal, in the order of `overviewHeader`. */
export function overviewCells(row: AgencyRow, rulebook: Rulebook, lang: Lang): (string | number)[] {
  const w = wordsFor(rulebook, lang);
  return [
    row.name,
    AGENCY_TYPE[lang][row.type],
    row.region,
    w.stage(row.stage),
    row.cycle,
    row.daysInStage,
    row.measuresRunning,
    row.measuresOverdue,
    row.openSignOffs,
    row.longestWaitDays ?? '',
    row.lastActivity.slice(0, 10),
    row.newestEvidence ?? '',
    chainText(row, lang),
    row.source.exportedAt ?? '',
    row.source.eventCount,
    row.source.headHash,
    ...rulebook.catalog.standards.map((s) => row.maturity[s.id] ?? ''),
    row.support.map((n) => supportText(n, rulebook, lang)).join('; '),
  ];
}

export function overviewHeader(rulebook: Rulebook, lang: Lang): string[] {
  const c = OVERVIEW_COLUMNS[lang];
  const w = wordsFor(rulebook, lang);
  return [
    c.name,
    c.type,
    c.region,
    c.stage,
    c.cycle,
    c.daysInStage,
    c.measuresRunning,
    c.measuresOverdue,
    c.openSignOffs,
    c.longestWait,
    c.lastActivity,
    c.newestEvidence,
    c.chain,
    c.exportedAt,
    c.eventCount,
    c.headHash,
    ...rulebook.catalog.standards.map((s) => w.standards([s.id])),
    c.support,
  ];
}
