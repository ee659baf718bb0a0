/**
 * The timeline of a process: every event of its log as one entry that says when, who (name,
 * role, key fingerprint where signed) and what, in a German and an English sentence, with the
 * stage and cycle it happened in and what it links to. Pure: the log and the rulebook in,
 * entries out, so the screen computes them once and filters them on every keystroke.
 *
 * The log is walked once, oldest first. Titles (of evidence, measures, sign-off requests) are
 * taken from the events themselves as they were at that moment, not from today's state: the
 * timeline tells what happened then (decision 28). The final context only fills in what the walk
 * cannot know (a person registered in a log that was cut, say). The walk collects facts
 * (timeline-facts.ts); the sentences are made of them in src/i18n/timeline.ts.
 */

import type { ProcessContext } from '../../machines/process/process.context.ts';
import { type EventType, PAYLOAD_SCHEMAS, type PayloadOf } from '../../machines/process/process.events.ts';
import type { Rulebook } from '../../standards/rulebook.ts';
import type { StageId } from '../../standards/schema.ts';
import { berlinDay } from '../i18n/dates.ts';
import type { Lang } from '../i18n/lang.ts';
import { eventTypeLabel, type TimelineWords, timelineSentence, timelineWords } from '../i18n/timeline.ts';
import { fingerprint } from './crypto/keys.ts';
import { normaliseForSearch } from './search-text.ts';
import type { TimelineFact } from './timeline-facts.ts';

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
  text: Record<Lang, string>;
  links: { evidenceIds: string[]; stage: StageId | null; measureId: string | null };
  /** Everything the text search looks in, normalised (see normaliseForSearch). */
  haystack: string;
}

/**
 * A logged event of a type this version knows, with its payload typed by the event schemas.
 * Events reach the timeline from the stored log, which holds only events parsed at the boundary
 * (append, import, restore), so the type alone tells the payload's shape.
 */
type KnownEvent = { [T in EventType]: Omit<TimelineEvent, 'type' | 'payload'> & { type: T; payload: PayloadOf<T> } }[EventType];

const isKnown = (event: TimelineEvent): event is KnownEvent => Object.hasOwn(PAYLOAD_SCHEMAS, event.type);

/** What the walk remembers about the records events refer to, and where the process stands. */
interface Memory {
  stage: StageId;
  cycle: number;
  people: Map<string, string>;
  evidenceTitles: Map<string, string>;
  measureTitles: Map<string, string>;
  requests: Map<string, { stage: StageId; cycle: number; evidenceIds: string[] }>;
}

/** One event told as facts, with what its entry links to. */
interface Told {
  fact: TimelineFact;
  fingerprint: string | null;
  evidenceIds: string[];
  stage: StageId | null;
  measureId: string | null;
}

const nameIn = (map: Map<string, string>, id: string) => map.get(id) ?? id;

/** One event as facts. Updates `memory` with the names it introduces. */
function tell(event: TimelineEvent, memory: Memory): Told {
  const none = { fingerprint: null, evidenceIds: [] as string[], stage: null, measureId: null };
  if (!isKnown(event)) return { ...none, fact: { type: 'unknown', eventType: event.type } };
  switch (event.type) {
    case 'ProcessOpened': {
      const { founder } = event.payload;
      memory.people.set(founder.personId, founder.name);
      return { ...none, stage: 'mandate', fact: { ...event, fingerprint: fingerprint(founder.key.keyId) } };
    }
    case 'PersonRegistered':
      memory.people.set(event.payload.personId, event.payload.name);
      return { ...none, fact: { ...event, fingerprint: fingerprint(event.payload.key.keyId) } };
    case 'KeyRegistered':
    case 'KeyRevoked': {
      const keyId = event.type === 'KeyRegistered' ? event.payload.key.keyId : event.payload.keyId;
      const fp = fingerprint(keyId);
      const ownerName = nameIn(memory.people, event.payload.personId);
      return { ...none, fingerprint: fp, fact: { ...event, fingerprint: fp, ownerName } as TimelineFact };
    }
    case 'EvidenceAttached': {
      const { evidenceId, title, proves } = event.payload;
      memory.evidenceTitles.set(evidenceId, title);
      const measureTitle = proves.measureId === null ? null : nameIn(memory.measureTitles, proves.measureId);
      return { ...none, evidenceIds: [evidenceId], stage: proves.stage, measureId: proves.measureId, fact: { ...event, measureTitle } };
    }
    case 'EvidenceRevised': {
      const { evidenceId, title } = event.payload;
      const before = memory.evidenceTitles.get(evidenceId);
      memory.evidenceTitles.set(evidenceId, title);
      const previousTitle = before !== undefined && before !== title ? before : null;
      return { ...none, evidenceIds: [evidenceId], fact: { ...event, previousTitle } };
    }
    case 'EvidenceErased': {
      const { evidenceId } = event.payload;
      return { ...none, evidenceIds: [evidenceId], fact: { ...event, title: nameIn(memory.evidenceTitles, evidenceId) } };
    }
    case 'MeasurePlanned':
      memory.measureTitles.set(event.payload.measureId, event.payload.title);
      return { ...none, measureId: event.payload.measureId, fact: event };
    case 'MeasureStarted':
    case 'MeasureCompleted':
    case 'MeasureReplanned':
    case 'MeasureCancelled': {
      const { measureId } = event.payload;
      return { ...none, measureId, fact: { ...event, title: nameIn(memory.measureTitles, measureId) } as TimelineFact };
    }
    case 'AssessmentRecorded': {
      const { evidenceIds } = event.payload;
      const evidenceTitles = evidenceIds.map((id) => nameIn(memory.evidenceTitles, id));
      return { ...none, evidenceIds, fact: { ...event, evidenceTitles } };
    }
    case 'SignOffRequested': {
      const { requestId, stage, cycle, covers } = event.payload;
      const evidenceIds = covers.map((c) => c.evidenceId);
      memory.requests.set(requestId, { stage, cycle, evidenceIds });
      const evidenceTitles = evidenceIds.map((id) => nameIn(memory.evidenceTitles, id));
      return { ...none, evidenceIds, stage, fact: { ...event, evidenceTitles } };
    }
    case 'SignOffGranted':
    case 'SignOffRefused': {
      const request = memory.requests.get(event.payload.requestId);
      const stage = request?.stage ?? memory.stage;
      const fp = fingerprint(event.payload.keyId);
      const known = { stage, cycle: request?.cycle ?? null, role: event.actor.role, fingerprint: fp };
      return { ...none, fingerprint: fp, evidenceIds: request?.evidenceIds ?? [], stage, fact: { ...event, ...known } as TimelineFact };
    }
    case 'StageAdvanced': {
      const newCycle = event.payload.from === 'renewal' ? memory.cycle + 1 : null;
      return { ...none, stage: event.payload.to, fact: { ...event, newCycle } };
    }
    case 'ProcessPaused':
    case 'ProcessResumed':
      return { ...none, fact: event as TimelineFact };
  }
}

/** Moves the remembered stage and cycle past `event`, after it has been told. */
function advance(event: TimelineEvent, memory: Memory): void {
  if (!isKnown(event)) return;
  if (event.type === 'ProcessOpened') {
    memory.stage = 'mandate';
    memory.cycle = 1;
  }
  if (event.type === 'StageAdvanced') {
    if (event.payload.from === 'renewal') memory.cycle += 1;
    memory.stage = event.payload.to;
  }
}

/**
 * The walk over a log, oldest first, that can stop and go on: `tell` the events in stretches,
 * and `entries` holds one entry per event told so far. The screen uses this to build the entries
 * of a long log in idle moments, and to add only the new events of a log that grew.
 * The stage and cycle of an entry are the ones the process was in when it happened: a stage
 * change belongs to the stage it completes.
 */
export class TimelineWalk {
  readonly entries: TimelineEntry[] = [];
  private readonly words: Record<Lang, TimelineWords>;
  private readonly memory: Memory;

  constructor(rulebook: Rulebook, finalContext?: ProcessContext) {
    this.words = { de: timelineWords(rulebook, 'de'), en: timelineWords(rulebook, 'en') };
    this.memory = {
      stage: 'mandate',
      cycle: 1,
      people: new Map(Object.values(finalContext?.people ?? {}).map((person) => [person.personId, person.name])),
      evidenceTitles: new Map(),
      measureTitles: new Map(),
      requests: new Map(),
    };
  }

  /** Tells `events[from]` up to (not including) `events[to]`; they must follow the events told before. */
  tell(events: readonly TimelineEvent[], from = 0, to = events.length): void {
    for (let i = from; i < to; i++) this.entries.push(this.entry(events[i] as TimelineEvent));
  }

  private entry(event: TimelineEvent): TimelineEntry {
    const { memory, words } = this;
    const stage = memory.stage;
    const cycle = memory.cycle;
    const told = tell(event, memory);
    const text = { de: timelineSentence(told.fact, 'de', words.de), en: timelineSentence(told.fact, 'en', words.en) };
    const personName = memory.people.get(event.actor.personId) ?? event.actor.personId;
    const role = event.actor.role;
    advance(event, memory);
    return {
      seq: event.seq,
      id: event.id,
      at: event.at,
      day: berlinDay(event.at),
      personId: event.actor.personId,
      personName,
      role,
      fingerprint: told.fingerprint,
      type: event.type,
      stage,
      cycle,
      text,
      links: { evidenceIds: told.evidenceIds, stage: told.stage ?? stage, measureId: told.measureId },
      haystack: normaliseForSearch(
        [
          text.de,
          text.en,
          personName,
          words.de.role(role),
          words.en.role(role),
          eventTypeLabel(event.type, 'de'),
          eventTypeLabel(event.type, 'en'),
          told.fingerprint ?? '',
          `#${event.seq}`,
        ].join('\n'),
      ),
    };
  }
}

/** Every event as an entry, oldest first (see TimelineWalk). */
export function timelineEntries(rulebook: Rulebook, events: readonly TimelineEvent[], finalContext?: ProcessContext): TimelineEntry[] {
  const walk = new TimelineWalk(rulebook, finalContext);
  walk.tell(events);
  return walk.entries;
}
