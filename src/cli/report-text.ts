/** The process report as plain text for a terminal or an e-mail, German or English. */
import type { Rulebook } from '../../standards/rulebook.ts';
import { fingerprint } from '../domain/crypto/keys.ts';
import type { ProcessReport } from '../domain/report.ts';
import { formatDay } from '../i18n/dates.ts';
import type { Lang } from '../i18n/lang.ts';
import { describeReason, wordsFor } from '../i18n/reasons.ts';
import { signingWarning } from '../i18n/verdict.ts';

const T = {
  de: {
    title: 'Prozessbericht DIKÖ',
    agencyType: { AA: 'Agentur für Arbeit', JC: 'Jobcenter (gE)' },
    asOf: 'Stand',
    started: 'begonnen am',
    stage: 'Aktuelle Phase',
    cycle: 'Zyklus',
    paused: 'PAUSIERT seit',
    criteria: 'Ausstiegskriterien der aktuellen Phase',
    met: 'erfüllt',
    open: 'offen',
    milestones: 'Meilensteine und Freigaben',
    requested: 'beantragt von',
    on: 'am',
    status: { open: 'offen', granted: 'erteilt', refused: 'abgelehnt' },
    waitingFor: 'wartet auf',
    decision: { granted: 'erteilt', refused: 'abgelehnt' },
    maturity: 'Reifegrad der Standards (0–5) je Zyklus',
    measures: 'Offene Maßnahmen',
    due: 'Frist',
    overdue: 'ÜBERFÄLLIG',
    overdueItems: 'Überfällige Punkte',
    overdueSignOff: (days: number) => `Freigabe seit ${days} Tagen offen`,
    none: 'keine',
    events: 'Ereignisse im Protokoll',
    headHash: 'Kopf-Hash der Kette',
    verifyHint: 'Prüfen: npx ankerpunkt verify DATEI',
    founderKey: 'Gründungsschlüssel',
    keys: 'Schlüssel im Prozess (Fingerabdrücke zum Abgleich)',
    registered: 'eingetragen am',
    revoked: 'widerrufen am',
    trustHint:
      'Beweiskraft hat das Protokoll für alle, die einen dieser Fingerabdrücke aus anderer Quelle kennen: npx ankerpunkt verify DATEI --trust FINGERABDRUCK',
    measureStatus: { planned: 'geplant', running: 'läuft', replanned: 'neu geplant', done: 'erledigt', cancelled: 'abgebrochen' } as Record<
      string,
      string
    >,
  },
  en: {
    title: 'DIKÖ process report',
    agencyType: { AA: 'Employment agency', JC: 'Job centre' },
    asOf: 'As of',
    started: 'started on',
    stage: 'Current stage',
    cycle: 'cycle',
    paused: 'PAUSED since',
    criteria: 'Exit criteria of the current stage',
    met: 'met',
    open: 'open',
    milestones: 'Milestones and sign-offs',
    requested: 'requested by',
    on: 'on',
    status: { open: 'open', granted: 'granted', refused: 'refused' },
    waitingFor: 'waiting for',
    decision: { granted: 'granted', refused: 'refused' },
    maturity: 'Standards maturity (0-5) per cycle',
    measures: 'Open measures',
    due: 'due',
    overdue: 'OVERDUE',
    overdueItems: 'Overdue items',
    overdueSignOff: (days: number) => `sign-off open for ${days} days`,
    none: 'none',
    events: 'events in the log',
    headHash: 'head hash of the chain',
    verifyHint: 'Verify: npx ankerpunkt verify FILE',
    founderKey: "founder's key",
    keys: 'Keys in the process (fingerprints to compare)',
    registered: 'registered on',
    revoked: 'revoked on',
    trustHint:
      'The log is proof for anyone who knows one of these fingerprints from elsewhere: npx ankerpunkt verify FILE --trust FINGERPRINT',
    measureStatus: { planned: 'planned', running: 'running', replanned: 're-planned', done: 'done', cancelled: 'cancelled' } as Record<
      string,
      string
    >,
  },
} as const;

export function reportText(report: ProcessReport, lang: Lang, rulebook: Rulebook): string {
  const t = T[lang];
  const w = wordsFor(rulebook, lang);
  const date = (iso: string) => formatDay(iso, lang);
  const lines: string[] = [];
  const heading = (text: string) => lines.push('', text, '-'.repeat(text.length));

  lines.push(`${t.title}: ${report.agency.name}`);
  lines.push(
    `${t.agencyType[report.agency.type]} · ${report.agency.region} · ${t.started} ${date(report.startedOn)} · ${t.asOf} ${date(report.asOf)}`,
  );
  lines.push(`${t.stage}: ${w.stage(report.stage)} · ${t.cycle} ${report.cycle}`);
  if (report.paused) lines.push(`${t.paused} ${date(report.paused.since)}: ${report.paused.reason}`);

  heading(t.criteria);
  for (const c of report.exitCriteria) {
    lines.push(
      `[${c.met ? 'x' : ' '}] ${c.criterion.label[lang]}${c.met ? '' : ` (${c.reasons.map((r) => describeReason(r, lang, rulebook)).join(' ')})`}`,
    );
  }

  heading(t.milestones);
  for (const m of report.milestones) {
    lines.push(
      `${w.stage(m.stage)}, ${t.cycle} ${m.cycle}: ${t.status[m.status]} · ${t.requested} ${m.requestedBy} ${t.on} ${date(m.requestedAt)}`,
    );
    for (const d of m.decisions) {
      lines.push(
        `    ${w.role(d.role)}: ${d.name}, ${t.decision[d.decision]} ${t.on} ${date(d.signedAt)}${d.comment ? ` – „${d.comment}“` : ''}`,
      );
    }
    if (m.waitingFor.length > 0) lines.push(`    ${t.waitingFor} ${w.roles(m.waitingFor)}`);
  }

  heading(t.maturity);
  const width = Math.max(...report.maturity.map((m) => w.standards([m.standardId]).length));
  lines.push(`${''.padEnd(width)}  ${report.cycles.map((c) => `${t.cycle.slice(0, 1).toUpperCase()}${c}`.padStart(3)).join(' ')}`);
  for (const m of report.maturity) {
    lines.push(
      `${w.standards([m.standardId]).padEnd(width)}  ${m.levels.map((l) => (l === null ? '–' : String(l)).padStart(3)).join(' ')}`,
    );
  }

  heading(t.measures);
  if (report.openMeasures.length === 0) lines.push(t.none);
  for (const m of report.openMeasures) {
    lines.push(
      `${m.overdue ? `${t.overdue}: ` : ''}${m.title} · ${m.owner} · ${t.due} ${date(m.due)} · ${t.measureStatus[m.status] ?? m.status}`,
    );
  }

  heading(t.overdueItems);
  const overdue = [
    ...report.openMeasures.filter((m) => m.overdue).map((m) => `${m.title} (${t.due} ${date(m.due)})`),
    ...report.overdueSignOffs.map((s) => `${w.stage(s.stage)}: ${t.overdueSignOff(s.days)}, ${t.waitingFor} ${w.roles(s.waitingFor)}`),
  ];
  lines.push(...(overdue.length > 0 ? overdue : [t.none]));
  lines.push('', `${report.eventCount} ${t.events}`);
  if (report.chain) lines.push(`${t.headHash}: ${report.chain.headHash}`, t.verifyHint);
  const warning = signingWarning(report.signing.signedFrom, report.eventCount, lang);
  if (warning) lines.push(warning);

  heading(t.keys);
  for (const k of report.signing.keys) {
    const founder = k.keyId === report.chain?.founderKeyId ? ` (${t.founderKey})` : '';
    const revoked = k.revokedAt ? ` · ${t.revoked} ${date(k.revokedAt)}` : '';
    lines.push(`${fingerprint(k.keyId)} · ${k.name}${founder} · ${t.registered} ${date(k.registeredAt)}${revoked}`);
  }
  lines.push(t.trustHint);
  return `${lines.join('\n')}\n`;
}
