/**
 * The timeline of a process: every event of its log as one entry that says when, who (name,
 * role, key fingerprint where signed) and what, in a plain German and an English sentence,
 * with the stage and cycle it happened in and what it links to. Pure: the log and the rulebook
 * in, entries out, so the screen computes them once and filters them on every keystroke.
 *
 * The log is walked once, oldest first. Titles (of evidence, measures, sign-off requests) are
 * taken from the events themselves as they were at that moment, not from today's state: the
 * timeline tells what happened then. The final context only fills in what the walk cannot know
 * (a person registered in a log that was cut, say).
 */

import type { ProcessContext } from '../../machines/process/process.context.ts';
import type { Rulebook } from '../../standards/rulebook.ts';
import { STAGE_ORDER, type StageId } from '../../standards/schema.ts';
import { fingerprint } from './crypto/keys.ts';
import { normaliseForSearch } from './search-text.ts';

export type TimelineLang = 'de' | 'en';
export type Bilingual = { de: string; en: string };

/**
 * What the timeline needs of a logged event. The type is a plain string so that an event type
 * this version does not know (written by a newer version, say) still gets an entry.
 */
export interface TimelineEvent {
  seq: number;
  id: string;
  at: string;
  type: string;
  actor: { personId: string; role: string };
  payload: unknown;
}

export interface TimelineEntry {
  seq: number;
  id: string;
  at: string;
  /** The calendar day of `at` in Germany (Europe/Berlin), YYYY-MM-DD: what the date filter compares. */
  day: string;
  personId: string;
  personName: string;
  role: string;
  /** The fingerprint of the key that signed this event, or of the key it registers or revokes. */
  fingerprint: string | null;
  type: string;
  /** The stage and cycle the process was in when the event happened. */
  stage: StageId;
  cycle: number;
  text: Bilingual;
  links: { evidenceIds: string[]; stage: StageId | null; measureId: string | null };
  /** Everything the text search looks in, normalised (see normaliseForSearch). */
  haystack: string;
}

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

export function eventTypeLabel(type: string, lang: TimelineLang): string {
  return EVENT_TYPE_LABELS[type]?.[lang] ?? (lang === 'de' ? `Unbekanntes Ereignis „${type}“` : `Unknown event "${type}"`);
}

// ---------------------------------------------------------------- dates

/** Last Sunday of a month, as a UTC day number in that month. */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

const summerTimes = new Map<number, [number, number]>();

/** When summer time starts and ends in a year, as UTC milliseconds. */
function summerTime(year: number): [number, number] {
  let bounds = summerTimes.get(year);
  if (!bounds) {
    bounds = [Date.UTC(year, 2, lastSunday(year, 2), 1), Date.UTC(year, 9, lastSunday(year, 9), 1)];
    summerTimes.set(year, bounds);
  }
  return bounds;
}

/**
 * The German calendar day of an instant: Central European Time, summer time from 01:00 UTC on
 * the last Sunday of March to 01:00 UTC on the last Sunday of October (EU rule since 1996).
 * Computed rather than asked of Intl because it runs for every event of a long log.
 */
export function berlinDay(at: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return at.slice(0, 10);
  const [summerStart, summerEnd] = summerTime(Number(at.slice(0, 4)) || new Date(ms).getUTCFullYear());
  const offsetHours = ms >= summerStart && ms < summerEnd ? 2 : 1;
  return new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 10);
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An ISO day as people write it: 05.03.2026 in German, 5 Mar 2026 in English. */
export function writtenDay(iso: string, lang: TimelineLang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  return lang === 'de' ? `${day}.${month}.${year}` : `${Number(day)} ${MONTHS_EN[Number(month) - 1]} ${year}`;
}

// ---------------------------------------------------------------- words

const q = (text: string, lang: TimelineLang) => (lang === 'de' ? `„${text}“` : `"${text}"`);

interface Words {
  stage: (id: string) => string;
  role: (id: string) => string;
  kind: (id: string) => string;
  standard: (id: string) => string;
  milestone: (stage: string) => string;
  list: (items: readonly string[]) => string;
}

function labelsById<T extends { id: string }>(items: readonly T[], pick: (item: T) => Bilingual, lang: TimelineLang) {
  const byId = new Map(items.map((item) => [item.id, pick(item)[lang]]));
  return (id: string) => byId.get(id) ?? id;
}

/** Labels from the rulebook, looked up through maps: they are asked for twice per event. */
function wordsOf(rulebook: Rulebook, lang: TimelineLang): Words {
  const listFormat = new Intl.ListFormat(lang === 'de' ? 'de-DE' : 'en-GB', { type: 'conjunction' });
  const standards = new Map(rulebook.catalog.standards.map((s) => [s.id, `${s.number} ${q(s.title[lang], lang)}`]));
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

/** " Grund: „…“" when there is a text, nothing when it is empty. */
function withText(label: Bilingual, text: unknown, lang: TimelineLang): string {
  return typeof text === 'string' && text.trim() !== '' ? ` ${label[lang]}: ${q(text.trim(), lang)}` : '';
}

const REASON: Bilingual = { de: 'Grund', en: 'Reason' };
const COMMENT: Bilingual = { de: 'Kommentar', en: 'Comment' };
const NOTE: Bilingual = { de: 'Hinweis', en: 'Note' };

// ---------------------------------------------------------------- the walk

/** What the walk remembers about the records events refer to. */
interface Memory {
  stage: StageId;
  cycle: number;
  people: Map<string, string>;
  keyOwners: Map<string, string>;
  evidenceTitles: Map<string, string>;
  measureTitles: Map<string, string>;
  requests: Map<string, { stage: StageId; cycle: number; evidenceIds: string[] }>;
}

type Payload = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const isStage = (value: unknown): value is StageId => typeof value === 'string' && (STAGE_ORDER as readonly string[]).includes(value);

interface Described {
  text: Bilingual;
  fingerprint: string | null;
  evidenceIds: string[];
  stage: StageId | null;
  measureId: string | null;
}

type Sentence = (lang: TimelineLang) => string;

function both(sentence: Sentence): Bilingual {
  return { de: sentence('de'), en: sentence('en') };
}

function contentPhrase(content: unknown, lang: TimelineLang): string {
  const c = (content ?? {}) as Payload;
  if (c.type === 'file') return lang === 'de' ? `Datei ${q(str(c.name), lang)}` : `file ${q(str(c.name), lang)}`;
  if (c.type === 'link') return lang === 'de' ? `Link ${str(c.url)}` : `link ${str(c.url)}`;
  if (c.type === 'note') return lang === 'de' ? 'Notiz' : 'note';
  return lang === 'de' ? 'Inhalt' : 'content';
}

function provesPhrase(proves: unknown, memory: Memory, words: Record<TimelineLang, Words>, lang: TimelineLang): string {
  const p = (proves ?? {}) as Payload;
  const w = words[lang];
  const parts: string[] = [];
  if (isStage(p.stage)) parts.push(lang === 'de' ? `Phase ${q(w.stage(p.stage), lang)}` : `stage ${q(w.stage(p.stage), lang)}`);
  const measure = str(p.measureId);
  if (measure) {
    const title = memory.measureTitles.get(measure) ?? measure;
    parts.push(lang === 'de' ? `Maßnahme ${q(title, lang)}` : `measure ${q(title, lang)}`);
  }
  const standards = strings(p.standardIds);
  if (standards.length > 0) parts.push(`${lang === 'de' ? 'Standard' : 'standard'} ${w.list(standards.map(w.standard))}`);
  if (parts.length === 0) return '';
  return lang === 'de' ? ` Belegt: ${w.list(parts)}.` : ` Proves: ${w.list(parts)}.`;
}

function titled(map: Map<string, string>, id: string): string {
  return map.get(id) ?? id;
}

/** One event as sentences, and what it links to. Updates `memory` with what it introduces. */
function describe(event: TimelineEvent, memory: Memory, words: Record<TimelineLang, Words>): Described {
  const p = (event.payload ?? {}) as Payload;
  const w = (lang: TimelineLang) => words[lang];
  const none = { fingerprint: null, evidenceIds: [] as string[], stage: null, measureId: null };
  switch (event.type) {
    case 'ProcessOpened': {
      const agency = (p.agency ?? {}) as Payload;
      const founder = (p.founder ?? {}) as Payload;
      const key = (founder.key ?? {}) as Payload;
      memory.people.set(str(founder.personId), str(founder.name));
      memory.keyOwners.set(str(key.keyId), str(founder.personId));
      const fp = fingerprint(str(key.keyId));
      const types: Record<string, Bilingual> = {
        AA: { de: 'Agentur für Arbeit', en: 'employment agency' },
        JC: { de: 'Jobcenter', en: 'job centre' },
      };
      const type = types[str(agency.type)] ?? { de: str(agency.type), en: str(agency.type) };
      return {
        ...none,
        stage: 'mandate',
        text: both((lang) =>
          lang === 'de'
            ? `Prozess für ${q(str(agency.name), lang)} (${type.de}, ${str(agency.region)}) eröffnet, Beginn am ${writtenDay(str(p.startedOn), lang)}. ${str(founder.name)} ist mit Schlüssel ${fp} registriert.`
            : `Process for ${q(str(agency.name), lang)} (${type.en}, ${str(agency.region)}) opened, starting on ${writtenDay(str(p.startedOn), lang)}. ${str(founder.name)} is registered with key ${fp}.`,
        ),
      };
    }
    case 'PersonRegistered': {
      const key = (p.key ?? {}) as Payload;
      memory.people.set(str(p.personId), str(p.name));
      memory.keyOwners.set(str(key.keyId), str(p.personId));
      const fp = fingerprint(str(key.keyId));
      const roles = strings(p.roles);
      const org = str(p.organisation);
      return {
        ...none,
        text: both((lang) =>
          lang === 'de'
            ? `${str(p.name)}${org ? ` (${org})` : ''} als ${w(lang).list(roles.map(w(lang).role))} registriert, Schlüssel ${fp}.`
            : `${str(p.name)}${org ? ` (${org})` : ''} registered as ${w(lang).list(roles.map(w(lang).role))}, key ${fp}.`,
        ),
      };
    }
    case 'KeyRegistered': {
      const key = (p.key ?? {}) as Payload;
      const keyId = str(key.keyId);
      memory.keyOwners.set(keyId, str(p.personId));
      const owner = titled(memory.people, str(p.personId));
      const fp = fingerprint(keyId);
      return {
        ...none,
        fingerprint: fp,
        text: both((lang) =>
          lang === 'de' ? `Neuer Schlüssel ${fp} für ${owner} registriert.` : `New key ${fp} registered for ${owner}.`,
        ),
      };
    }
    case 'KeyRevoked': {
      const fp = fingerprint(str(p.keyId));
      const owner = titled(memory.people, str(p.personId));
      return {
        ...none,
        fingerprint: fp,
        text: both(
          (lang) =>
            (lang === 'de'
              ? `Schlüssel ${fp} von ${owner} widerrufen: er gilt ab jetzt nicht mehr.`
              : `Key ${fp} of ${owner} revoked: it is no longer valid from now on.`) + withText(REASON, p.reason, lang),
        ),
      };
    }
    case 'EvidenceAttached': {
      const evidenceId = str(p.evidenceId);
      const title = str(p.title);
      memory.evidenceTitles.set(evidenceId, title);
      const proves = (p.proves ?? {}) as Payload;
      return {
        ...none,
        evidenceIds: [evidenceId],
        stage: isStage(proves.stage) ? proves.stage : null,
        measureId: str(proves.measureId) || null,
        text: both(
          (lang) =>
            (lang === 'de'
              ? `Nachweis ${q(title, lang)} angelegt (${w(lang).kind(str(p.kind))}, ${contentPhrase(p.content, lang)}, Dokument vom ${writtenDay(str(p.documentDate), lang)}).`
              : `Evidence ${q(title, lang)} attached (${w(lang).kind(str(p.kind))}, ${contentPhrase(p.content, lang)}, document dated ${writtenDay(str(p.documentDate), lang)}).`) +
            provesPhrase(p.proves, memory, words, lang),
        ),
      };
    }
    case 'EvidenceRevised': {
      const evidenceId = str(p.evidenceId);
      const before = titled(memory.evidenceTitles, evidenceId);
      const title = str(p.title);
      memory.evidenceTitles.set(evidenceId, title);
      const renamed = before !== title && before !== evidenceId;
      return {
        ...none,
        evidenceIds: [evidenceId],
        text: both(
          (lang) =>
            (lang === 'de'
              ? `Nachweis ${q(title, lang)} überarbeitet: Fassung ${String(p.revision)} (${contentPhrase(p.content, lang)}).${renamed ? ` Bisheriger Titel: ${q(before, lang)}.` : ''}`
              : `Evidence ${q(title, lang)} revised: version ${String(p.revision)} (${contentPhrase(p.content, lang)}).${renamed ? ` Previous title: ${q(before, lang)}.` : ''}`) +
            withText(REASON, p.reason, lang),
        ),
      };
    }
    case 'EvidenceErased': {
      const evidenceId = str(p.evidenceId);
      const title = titled(memory.evidenceTitles, evidenceId);
      const digest = str(p.sha256).slice(0, 12);
      const revision = typeof p.revision === 'number' ? p.revision : null;
      return {
        ...none,
        evidenceIds: [evidenceId],
        text: both(
          (lang) =>
            (lang === 'de'
              ? `Inhalt ${revision === null ? '' : `der Fassung ${revision} `}des Nachweises ${q(title, lang)} auf diesem Gerät gelöscht. Die Prüfsumme ${digest}… bleibt im Protokoll und belegt weiter, was vorlag.`
              : `Content ${revision === null ? '' : `of version ${revision} `}of evidence ${q(title, lang)} erased on this device. Its digest ${digest}… stays in the log and still proves what was there.`) +
            withText(REASON, p.reason, lang),
        ),
      };
    }
    case 'MeasurePlanned': {
      const measureId = str(p.measureId);
      const title = str(p.title);
      memory.measureTitles.set(measureId, title);
      return {
        ...none,
        measureId,
        text: both((lang) =>
          lang === 'de'
            ? `Maßnahme ${q(title, lang)} geplant: verantwortlich ${str(p.owner)}, fällig am ${writtenDay(str(p.due), lang)}.`
            : `Measure ${q(title, lang)} planned: owner ${str(p.owner)}, due on ${writtenDay(str(p.due), lang)}.`,
        ),
      };
    }
    case 'MeasureStarted':
    case 'MeasureCompleted':
    case 'MeasureReplanned':
    case 'MeasureCancelled': {
      const measureId = str(p.measureId);
      const title = titled(memory.measureTitles, measureId);
      const sentence: Sentence = (lang) => {
        const name = lang === 'de' ? `Maßnahme ${q(title, lang)}` : `Measure ${q(title, lang)}`;
        if (event.type === 'MeasureStarted') return lang === 'de' ? `${name} begonnen.` : `${name} started.`;
        if (event.type === 'MeasureCompleted')
          return (
            (lang === 'de' ? `${name} abgeschlossen.` : `${name} completed.`) + withText({ de: 'Ergebnis', en: 'Outcome' }, p.outcome, lang)
          );
        if (event.type === 'MeasureReplanned')
          return (
            (lang === 'de'
              ? `${name} neu geplant: jetzt fällig am ${writtenDay(str(p.due), lang)}.`
              : `${name} re-planned: now due on ${writtenDay(str(p.due), lang)}.`) + withText(REASON, p.reason, lang)
          );
        return (lang === 'de' ? `${name} abgebrochen.` : `${name} cancelled.`) + withText(REASON, p.reason, lang);
      };
      return { ...none, measureId, text: both(sentence) };
    }
    case 'AssessmentRecorded': {
      const evidenceIds = strings(p.evidenceIds);
      const level = String(p.level);
      const standard = str(p.standardId);
      return {
        ...none,
        evidenceIds,
        text: both((lang) => {
          const titles = evidenceIds.map((id) => q(titled(memory.evidenceTitles, id), lang));
          const support =
            titles.length === 0
              ? lang === 'de'
                ? ', ohne Nachweis'
                : ', without evidence'
              : lang === 'de'
                ? `, gestützt auf ${w(lang).list(titles)}`
                : `, supported by ${w(lang).list(titles)}`;
          return (
            (lang === 'de'
              ? `Standard ${w(lang).standard(standard)} mit Stufe ${level} von 5 bewertet${support}.`
              : `Standard ${w(lang).standard(standard)} rated at level ${level} of 5${support}.`) + withText(NOTE, p.note, lang)
          );
        }),
      };
    }
    case 'SignOffRequested': {
      const stage = isStage(p.stage) ? p.stage : memory.stage;
      const cycle = typeof p.cycle === 'number' ? p.cycle : memory.cycle;
      const covers = Array.isArray(p.covers) ? (p.covers as Payload[]) : [];
      const evidenceIds = covers.map((c) => str(c.evidenceId));
      memory.requests.set(str(p.requestId), { stage, cycle, evidenceIds });
      const roles = strings(p.requiredRoles);
      return {
        ...none,
        evidenceIds,
        stage,
        text: both((lang) => {
          const titles = evidenceIds.map((id) => q(titled(memory.evidenceTitles, id), lang));
          const covered =
            titles.length === 0 ? '' : lang === 'de' ? ` Sie umfasst ${w(lang).list(titles)}.` : ` It covers ${w(lang).list(titles)}.`;
          return (
            (lang === 'de'
              ? `Freigabe ${q(w(lang).milestone(stage), lang)} für die Phase ${q(w(lang).stage(stage), lang)} (Zyklus ${cycle}) beantragt bei: ${w(lang).list(roles.map(w(lang).role))}.`
              : `Sign-off ${q(w(lang).milestone(stage), lang)} for the stage ${q(w(lang).stage(stage), lang)} (cycle ${cycle}) requested from: ${w(lang).list(roles.map(w(lang).role))}.`) +
            covered +
            withText(NOTE, p.note, lang)
          );
        }),
      };
    }
    case 'SignOffGranted':
    case 'SignOffRefused': {
      const request = memory.requests.get(str(p.requestId));
      const stage = request?.stage ?? memory.stage;
      const granted = event.type === 'SignOffGranted';
      const fp = fingerprint(str(p.keyId));
      return {
        ...none,
        fingerprint: fp,
        evidenceIds: request?.evidenceIds ?? [],
        stage,
        text: both((lang) => {
          const what = `${q(w(lang).milestone(stage), lang)} (${lang === 'de' ? 'Phase' : 'stage'} ${q(w(lang).stage(stage), lang)}${request ? `, ${lang === 'de' ? 'Zyklus' : 'cycle'} ${request.cycle}` : ''})`;
          const role = w(lang).role(event.actor.role);
          const main =
            lang === 'de'
              ? `Freigabe ${what} ${granted ? 'erteilt' : 'abgelehnt'} als ${role}, elektronisch unterschrieben mit Schlüssel ${fp}.`
              : `Sign-off ${what} ${granted ? 'granted' : 'refused'} as ${role}, signed electronically with key ${fp}.`;
          return main + withText(granted ? COMMENT : { de: 'Begründung', en: 'Reason' }, p.comment, lang);
        }),
      };
    }
    case 'StageAdvanced': {
      const from = isStage(p.from) ? p.from : memory.stage;
      const to = isStage(p.to) ? p.to : memory.stage;
      const newCycle = from === 'renewal' ? memory.cycle + 1 : null;
      return {
        ...none,
        stage: to,
        text: both((lang) => {
          const main =
            lang === 'de'
              ? `Phase ${q(w(lang).stage(from), lang)} abgeschlossen, weiter mit ${q(w(lang).stage(to), lang)}.`
              : `Stage ${q(w(lang).stage(from), lang)} completed, moving on to ${q(w(lang).stage(to), lang)}.`;
          if (newCycle === null) return main;
          return `${main} ${lang === 'de' ? `Zyklus ${newCycle} beginnt.` : `Cycle ${newCycle} begins.`}`;
        }),
      };
    }
    case 'ProcessPaused':
      return {
        ...none,
        text: both((lang) => (lang === 'de' ? 'Prozess pausiert.' : 'Process paused.') + withText(REASON, p.reason, lang)),
      };
    case 'ProcessResumed':
      return {
        ...none,
        text: both((lang) => (lang === 'de' ? 'Prozess fortgesetzt.' : 'Process resumed.') + withText(NOTE, p.note, lang)),
      };
    default:
      // A type this version does not know: say so, rather than hide it or guess.
      return {
        ...none,
        text: {
          de: `Ereignis der Art „${event.type}“ aufgezeichnet. Diese Version von Ankerpunkt kann es nicht näher beschreiben.`,
          en: `Event of type "${event.type}" recorded. This version of Ankerpunkt cannot describe it further.`,
        },
      };
  }
}

/** Moves the remembered stage and cycle past `event`, after it has been described. */
function advance(event: TimelineEvent, memory: Memory): void {
  if (event.type === 'ProcessOpened') {
    memory.stage = 'mandate';
    memory.cycle = 1;
  }
  if (event.type === 'StageAdvanced') {
    const p = (event.payload ?? {}) as Payload;
    if (p.from === 'renewal') memory.cycle += 1;
    if (isStage(p.to)) memory.stage = p.to;
  }
}

/**
 * Every event as an entry, oldest first. The stage and cycle of an entry are the ones the
 * process was in when it happened: a stage change belongs to the stage it completes.
 */
export function timelineEntries(rulebook: Rulebook, events: readonly TimelineEvent[], finalContext?: ProcessContext): TimelineEntry[] {
  const words = { de: wordsOf(rulebook, 'de'), en: wordsOf(rulebook, 'en') };
  const memory: Memory = {
    stage: 'mandate',
    cycle: 1,
    people: new Map(Object.values(finalContext?.people ?? {}).map((person) => [person.personId, person.name])),
    keyOwners: new Map(),
    evidenceTitles: new Map(),
    measureTitles: new Map(),
    requests: new Map(),
  };
  const entries: TimelineEntry[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as TimelineEvent;
    const stage = memory.stage;
    const cycle = memory.cycle;
    const described = describe(event, memory, words);
    const personName = memory.people.get(event.actor.personId) ?? event.actor.personId;
    const role = event.actor.role;
    entries[i] = {
      seq: event.seq,
      id: event.id,
      at: event.at,
      day: berlinDay(event.at),
      personId: event.actor.personId,
      personName,
      role,
      fingerprint: described.fingerprint,
      type: event.type,
      stage,
      cycle,
      text: described.text,
      links: { evidenceIds: described.evidenceIds, stage: described.stage ?? stage, measureId: described.measureId },
      haystack: normaliseForSearch(
        [
          described.text.de,
          described.text.en,
          personName,
          words.de.role(role),
          words.en.role(role),
          eventTypeLabel(event.type, 'de'),
          eventTypeLabel(event.type, 'en'),
          described.fingerprint ?? '',
          `#${event.seq}`,
        ].join('\n'),
      ),
    };
    advance(event, memory);
  }
  return entries;
}
