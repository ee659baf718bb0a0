/**
 * The timeline's words in German and English: what each event type is called, and the sentence
 * that tells one event (one function per event type and language) from the facts the walk of the
 * log collected (src/domain/timeline-facts.ts). Names come from the rulebook through `words`.
 */
import type { Rulebook } from '../../standards/rulebook.ts';
import type { TimelineFact } from '../domain/timeline-facts.ts';
import { formatDay } from './dates.ts';
import { type Lang, localeOf } from './lang.ts';

type Bilingual = Record<Lang, string>;

/** What each event type is called in the type filter and on each entry. */
export const EVENT_TYPE_LABELS: Record<string, Bilingual> = {
  ProcessOpened: { de: 'Prozess eröffnet', en: 'Process opened' },
  PersonRegistered: { de: 'Person registriert', en: 'Person registered' },
  KeyRegistered: { de: 'Schlüssel registriert', en: 'Key registered' },
  KeyRevoked: { de: 'Schlüssel widerrufen', en: 'Key revoked' },
  EvidenceAttached: { de: 'Nachweis angelegt', en: 'Evidence attached' },
  EvidenceRevised: { de: 'Nachweis überarbeitet', en: 'Evidence revised' },
  EvidenceErased: { de: 'Nachweis-Inhalt gelöscht', en: 'Evidence content erased' },
  MeasurePlanned: { de: 'Maßnahme geplant', en: 'Measure planned' },
  MeasureStarted: { de: 'Maßnahme begonnen', en: 'Measure started' },
  MeasureCompleted: { de: 'Maßnahme abgeschlossen', en: 'Measure completed' },
  MeasureReplanned: { de: 'Maßnahme neu geplant', en: 'Measure re-planned' },
  MeasureCancelled: { de: 'Maßnahme abgebrochen', en: 'Measure cancelled' },
  AssessmentRecorded: { de: 'Standard bewertet', en: 'Standard assessed' },
  SignOffRequested: { de: 'Freigabe beantragt', en: 'Sign-off requested' },
  SignOffGranted: { de: 'Freigabe erteilt', en: 'Sign-off granted' },
  SignOffRefused: { de: 'Freigabe abgelehnt', en: 'Sign-off refused' },
  StageAdvanced: { de: 'Phase gewechselt', en: 'Stage changed' },
  ProcessPaused: { de: 'Prozess pausiert', en: 'Process paused' },
  ProcessResumed: { de: 'Prozess fortgesetzt', en: 'Process resumed' },
};

export function eventTypeLabel(type: string, lang: Lang): string {
  return EVENT_TYPE_LABELS[type]?.[lang] ?? (lang === 'de' ? `Unbekanntes Ereignis „${type}“` : `Unknown event "${type}"`);
}

/** The rulebook's names in one language, looked up through maps: the walk asks for them per event. */
export interface TimelineWords {
  stage: (id: string) => string;
  role: (id: string) => string;
  kind: (id: string) => string;
  /** Number and quoted title: 2.1 „Leitbild“. */
  standard: (id: string) => string;
  milestone: (stage: string) => string;
  list: (items: readonly string[]) => string;
}

function labelsById<T extends { id: string }>(items: readonly T[], pick: (item: T) => Bilingual, lang: Lang) {
  const byId = new Map(items.map((item) => [item.id, pick(item)[lang]]));
  return (id: string) => byId.get(id) ?? id;
}

export function timelineWords(rulebook: Rulebook, lang: Lang): TimelineWords {
  const listFormat = new Intl.ListFormat(localeOf(lang), { type: 'conjunction' });
  const standards = new Map(rulebook.catalog.standards.map((s) => [s.id, `${s.number} ${QUOTE[lang](s.title[lang])}`]));
  return {
    stage: labelsById(rulebook.template.stages, (s) => s.title, lang),
    role: labelsById(rulebook.template.roles, (r) => r.label, lang),
    kind: labelsById(rulebook.evidenceKinds.kinds, (k) => k.label, lang),
    standard: (id) => standards.get(id) ?? id,
    milestone: labelsById(
      rulebook.template.stages.map((s) => ({ id: s.id, title: s.milestone.title })),
      (m) => m.title,
      lang,
    ),
    list: (items) => listFormat.format(items),
  };
}

const QUOTE: Record<Lang, (text: string) => string> = { de: (text) => `„${text}“`, en: (text) => `"${text}"` };

type Sentences = { [F in TimelineFact as F['type']]: (fact: F, w: TimelineWords) => string };
type Fact<T extends TimelineFact['type']> = Extract<TimelineFact, { type: T }>;
type Content = Fact<'EvidenceAttached'>['payload']['content'];
type Proves = Fact<'EvidenceAttached'>['payload']['proves'];
type SignOffDecision = Fact<'SignOffGranted' | 'SignOffRefused'>;

/** " Grund: „…“" when there is a text, nothing when it is empty. */
const withText = (lang: Lang, label: string, text: string | undefined) =>
  text !== undefined && text.trim() !== '' ? ` ${label}: ${QUOTE[lang](text.trim())}` : '';

// ---------------------------------------------------------------- German

const qDe = QUOTE.de;
const dayDe = (iso: string) => formatDay(iso, 'de');
const AGENCY_TYPE_DE: Record<string, string> = { AA: 'Agentur für Arbeit', JC: 'Jobcenter' };

function contentDe(content: Content): string {
  if (content.type === 'file') return `Datei ${qDe(content.name)}`;
  if (content.type === 'link') return `Link ${content.url}`;
  return 'Notiz';
}

function provesDe(proves: Proves, measureTitle: string | null, w: TimelineWords): string {
  const parts: string[] = [];
  if (proves.stage) parts.push(`Phase ${qDe(w.stage(proves.stage))}`);
  if (proves.measureId) parts.push(`Maßnahme ${qDe(measureTitle ?? proves.measureId)}`);
  if (proves.standardIds.length > 0) parts.push(`Standard ${w.list(proves.standardIds.map(w.standard))}`);
  return parts.length === 0 ? '' : ` Belegt: ${w.list(parts)}.`;
}

function signOffDe(f: SignOffDecision, w: TimelineWords): string {
  const granted = f.type === 'SignOffGranted';
  const what = `${qDe(w.milestone(f.stage))} (Phase ${qDe(w.stage(f.stage))}${f.cycle === null ? '' : `, Zyklus ${f.cycle}`})`;
  const main = `Freigabe ${what} ${granted ? 'erteilt' : 'abgelehnt'} als ${w.role(f.role)}, elektronisch unterschrieben mit Schlüssel ${f.fingerprint}.`;
  return main + withText('de', granted ? 'Kommentar' : 'Begründung', f.payload.comment);
}

const de: Sentences = {
  ProcessOpened: ({ payload: p, fingerprint }) =>
    `Prozess für ${qDe(p.agency.name)} (${AGENCY_TYPE_DE[p.agency.type] ?? p.agency.type}, ${p.agency.region}) eröffnet, Beginn am ${dayDe(p.startedOn)}. ${p.founder.name} ist mit Schlüssel ${fingerprint} registriert.`,
  PersonRegistered: ({ payload: p, fingerprint }, w) =>
    `${p.name}${p.organisation ? ` (${p.organisation})` : ''} als ${w.list(p.roles.map(w.role))} registriert, Schlüssel ${fingerprint}.`,
  KeyRegistered: ({ fingerprint, ownerName }) => `Neuer Schlüssel ${fingerprint} für ${ownerName} registriert.`,
  KeyRevoked: ({ payload: p, fingerprint, ownerName }) =>
    `Schlüssel ${fingerprint} von ${ownerName} widerrufen: er gilt ab jetzt nicht mehr.${withText('de', 'Grund', p.reason)}`,
  EvidenceAttached: ({ payload: p, measureTitle }, w) =>
    `Nachweis ${qDe(p.title)} angelegt (${w.kind(p.kind)}, ${contentDe(p.content)}, Dokument vom ${dayDe(p.documentDate)}).${provesDe(p.proves, measureTitle, w)}`,
  EvidenceRevised: ({ payload: p, previousTitle }) =>
    `Nachweis ${qDe(p.title)} überarbeitet: Fassung ${p.revision} (${contentDe(p.content)}).${previousTitle === null ? '' : ` Bisheriger Titel: ${qDe(previousTitle)}.`}${withText('de', 'Grund', p.reason)}`,
  EvidenceErased: ({ payload: p, title }) =>
    `Inhalt der Fassung ${p.revision} des Nachweises ${qDe(title)} auf diesem Gerät gelöscht. Die Prüfsumme ${p.sha256.slice(0, 12)}… bleibt im Protokoll und belegt weiter, was vorlag.${withText('de', 'Grund', p.reason)}`,
  MeasurePlanned: ({ payload: p }) => `Maßnahme ${qDe(p.title)} geplant: verantwortlich ${p.owner}, fällig am ${dayDe(p.due)}.`,
  MeasureStarted: ({ title }) => `Maßnahme ${qDe(title)} begonnen.`,
  MeasureCompleted: ({ payload: p, title }) => `Maßnahme ${qDe(title)} abgeschlossen.${withText('de', 'Ergebnis', p.outcome)}`,
  MeasureReplanned: ({ payload: p, title }) =>
    `Maßnahme ${qDe(title)} neu geplant: jetzt fällig am ${dayDe(p.due)}.${withText('de', 'Grund', p.reason)}`,
  MeasureCancelled: ({ payload: p, title }) => `Maßnahme ${qDe(title)} abgebrochen.${withText('de', 'Grund', p.reason)}`,
  AssessmentRecorded: ({ payload: p, evidenceTitles }, w) => {
    const support = evidenceTitles.length === 0 ? ', ohne Nachweis' : `, gestützt auf ${w.list(evidenceTitles.map(qDe))}`;
    return `Standard ${w.standard(p.standardId)} mit Stufe ${p.level} von 5 bewertet${support}.${withText('de', 'Hinweis', p.note)}`;
  },
  SignOffRequested: ({ payload: p, evidenceTitles }, w) => {
    const covered = evidenceTitles.length === 0 ? '' : ` Sie umfasst ${w.list(evidenceTitles.map(qDe))}.`;
    return `Freigabe ${qDe(w.milestone(p.stage))} für die Phase ${qDe(w.stage(p.stage))} (Zyklus ${p.cycle}) beantragt bei: ${w.list(p.requiredRoles.map(w.role))}.${covered}${withText('de', 'Hinweis', p.note)}`;
  },
  SignOffGranted: signOffDe,
  SignOffRefused: signOffDe,
  StageAdvanced: ({ payload: p, newCycle }, w) =>
    `Phase ${qDe(w.stage(p.from))} abgeschlossen, weiter mit ${qDe(w.stage(p.to))}.${newCycle === null ? '' : ` Zyklus ${newCycle} beginnt.`}`,
  ProcessPaused: ({ payload: p }) => `Prozess pausiert.${withText('de', 'Grund', p.reason)}`,
  ProcessResumed: ({ payload: p }) => `Prozess fortgesetzt.${withText('de', 'Hinweis', p.note)}`,
  unknown: ({ eventType }) =>
    `Ereignis der Art „${eventType}“ aufgezeichnet. Diese Version von Ankerpunkt kann es nicht näher beschreiben.`,
};

// ---------------------------------------------------------------- English

const qEn = QUOTE.en;
const dayEn = (iso: string) => formatDay(iso, 'en');
const AGENCY_TYPE_EN: Record<string, string> = { AA: 'employment agency', JC: 'job centre' };

function contentEn(content: Content): string {
  if (content.type === 'file') return `file ${qEn(content.name)}`;
  if (content.type === 'link') return `link ${content.url}`;
  return 'note';
}

function provesEn(proves: Proves, measureTitle: string | null, w: TimelineWords): string {
  const parts: string[] = [];
  if (proves.stage) parts.push(`stage ${qEn(w.stage(proves.stage))}`);
  if (proves.measureId) parts.push(`measure ${qEn(measureTitle ?? proves.measureId)}`);
  if (proves.standardIds.length > 0) parts.push(`standard ${w.list(proves.standardIds.map(w.standard))}`);
  return parts.length === 0 ? '' : ` Proves: ${w.list(parts)}.`;
}

function signOffEn(f: SignOffDecision, w: TimelineWords): string {
  const granted = f.type === 'SignOffGranted';
  const what = `${qEn(w.milestone(f.stage))} (stage ${qEn(w.stage(f.stage))}${f.cycle === null ? '' : `, cycle ${f.cycle}`})`;
  const main = `Sign-off ${what} ${granted ? 'granted' : 'refused'} as ${w.role(f.role)}, signed electronically with key ${f.fingerprint}.`;
  return main + withText('en', granted ? 'Comment' : 'Reason', f.payload.comment);
}

const en: Sentences = {
  ProcessOpened: ({ payload: p, fingerprint }) =>
    `Process for ${qEn(p.agency.name)} (${AGENCY_TYPE_EN[p.agency.type] ?? p.agency.type}, ${p.agency.region}) opened, starting on ${dayEn(p.startedOn)}. ${p.founder.name} is registered with key ${fingerprint}.`,
  PersonRegistered: ({ payload: p, fingerprint }, w) =>
    `${p.name}${p.organisation ? ` (${p.organisation})` : ''} registered as ${w.list(p.roles.map(w.role))}, key ${fingerprint}.`,
  KeyRegistered: ({ fingerprint, ownerName }) => `New key ${fingerprint} registered for ${ownerName}.`,
  KeyRevoked: ({ payload: p, fingerprint, ownerName }) =>
    `Key ${fingerprint} of ${ownerName} revoked: it is no longer valid from now on.${withText('en', 'Reason', p.reason)}`,
  EvidenceAttached: ({ payload: p, measureTitle }, w) =>
    `Evidence ${qEn(p.title)} attached (${w.kind(p.kind)}, ${contentEn(p.content)}, document dated ${dayEn(p.documentDate)}).${provesEn(p.proves, measureTitle, w)}`,
  EvidenceRevised: ({ payload: p, previousTitle }) =>
    `Evidence ${qEn(p.title)} revised: version ${p.revision} (${contentEn(p.content)}).${previousTitle === null ? '' : ` Previous title: ${qEn(previousTitle)}.`}${withText('en', 'Reason', p.reason)}`,
  EvidenceErased: ({ payload: p, title }) =>
    `Content of version ${p.revision} of evidence ${qEn(title)} erased on this device. Its digest ${p.sha256.slice(0, 12)}… stays in the log and still proves what was there.${withText('en', 'Reason', p.reason)}`,
  MeasurePlanned: ({ payload: p }) => `Measure ${qEn(p.title)} planned: owner ${p.owner}, due on ${dayEn(p.due)}.`,
  MeasureStarted: ({ title }) => `Measure ${qEn(title)} started.`,
  MeasureCompleted: ({ payload: p, title }) => `Measure ${qEn(title)} completed.${withText('en', 'Outcome', p.outcome)}`,
  MeasureReplanned: ({ payload: p, title }) =>
    `Measure ${qEn(title)} re-planned: now due on ${dayEn(p.due)}.${withText('en', 'Reason', p.reason)}`,
  MeasureCancelled: ({ payload: p, title }) => `Measure ${qEn(title)} cancelled.${withText('en', 'Reason', p.reason)}`,
  AssessmentRecorded: ({ payload: p, evidenceTitles }, w) => {
    const support = evidenceTitles.length === 0 ? ', without evidence' : `, supported by ${w.list(evidenceTitles.map(qEn))}`;
    return `Standard ${w.standard(p.standardId)} rated at level ${p.level} of 5${support}.${withText('en', 'Note', p.note)}`;
  },
  SignOffRequested: ({ payload: p, evidenceTitles }, w) => {
    const covered = evidenceTitles.length === 0 ? '' : ` It covers ${w.list(evidenceTitles.map(qEn))}.`;
    return `Sign-off ${qEn(w.milestone(p.stage))} for the stage ${qEn(w.stage(p.stage))} (cycle ${p.cycle}) requested from: ${w.list(p.requiredRoles.map(w.role))}.${covered}${withText('en', 'Note', p.note)}`;
  },
  SignOffGranted: signOffEn,
  SignOffRefused: signOffEn,
  StageAdvanced: ({ payload: p, newCycle }, w) =>
    `Stage ${qEn(w.stage(p.from))} completed, moving on to ${qEn(w.stage(p.to))}.${newCycle === null ? '' : ` Cycle ${newCycle} begins.`}`,
  ProcessPaused: ({ payload: p }) => `Process paused.${withText('en', 'Reason', p.reason)}`,
  ProcessResumed: ({ payload: p }) => `Process resumed.${withText('en', 'Note', p.note)}`,
  unknown: ({ eventType }) => `Event of type "${eventType}" recorded. This version of Ankerpunkt cannot describe it further.`,
};

const SENTENCES: Record<Lang, Sentences> = { de, en };

/** The sentence that tells one event in the timeline (and in the CSV export). */
export function timelineSentence(fact: TimelineFact, lang: Lang, words: TimelineWords): string {
  const sentence = SENTENCES[lang][fact.type] as (fact: TimelineFact, w: TimelineWords) => string;
  return sentence(fact, words);
}
