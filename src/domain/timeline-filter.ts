/**
 * Narrowing a timeline down: by stage, cycle, person, event type, German calendar day and text,
 * newest or oldest first; and which choices the filter can offer for a given log.
 */
import { STAGE_ORDER, type StageId } from '../../standards/schema.ts';
import { EVENT_TYPE_LABELS } from '../i18n/timeline.ts';
import { searchTerms } from './search-text.ts';
import type { TimelineEntry } from './timeline.ts';

export type TimelineOrder = 'newest' | 'oldest';

export interface TimelineFilter {
  stage: StageId | null;
  cycle: number | null;
  personId: string | null;
  type: string | null;
  /** Inclusive ISO days (YYYY-MM-DD), compared with the entry's German calendar day. */
  from: string | null;
  to: string | null;
  text: string;
  order: TimelineOrder;
}

export const NO_FILTER: TimelineFilter = {
  stage: null,
  cycle: null,
  personId: null,
  type: null,
  from: null,
  to: null,
  text: '',
  order: 'newest',
};

/** The entries the filter lets through, in the order it asks for. Never changes `entries`. */
export function filterTimeline(entries: readonly TimelineEntry[], filter: TimelineFilter): TimelineEntry[] {
  const terms = searchTerms(filter.text);
  const out: TimelineEntry[] = [];
  for (const entry of entries) {
    if (filter.stage !== null && entry.stage !== filter.stage) continue;
    if (filter.cycle !== null && entry.cycle !== filter.cycle) continue;
    if (filter.personId !== null && entry.personId !== filter.personId) continue;
    if (filter.type !== null && entry.type !== filter.type) continue;
    if (filter.from && entry.day < filter.from) continue;
    if (filter.to && entry.day > filter.to) continue;
    if (terms.length > 0 && !terms.every((term) => entry.haystack.includes(term))) continue;
    out.push(entry);
  }
  return filter.order === 'newest' ? out.reverse() : out;
}

export interface TimelineFacets {
  types: string[];
  cycles: number[];
  people: { personId: string; name: string }[];
  stages: StageId[];
}

/** What the filter selects can offer: the types, cycles, people and stages that occur in the log. */
export function timelineFacets(entries: readonly TimelineEntry[]): TimelineFacets {
  const types = new Set<string>();
  const cycles = new Set<number>();
  const stages = new Set<StageId>();
  const people = new Map<string, string>();
  for (const entry of entries) {
    types.add(entry.type);
    cycles.add(entry.cycle);
    stages.add(entry.stage);
    people.set(entry.personId, entry.personName);
  }
  const known = Object.keys(EVENT_TYPE_LABELS);
  return {
    // Known types in the order of the process's vocabulary, unknown ones after them.
    types: [...known.filter((t) => types.has(t)), ...[...types].filter((t) => !known.includes(t)).sort()],
    cycles: [...cycles].sort((a, b) => a - b),
    people: [...people].map(([personId, name]) => ({ personId, name })).sort((a, b) => a.name.localeCompare(b.name, 'de')),
    stages: STAGE_ORDER.filter((s) => stages.has(s)),
  };
}
