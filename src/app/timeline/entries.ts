/**
 * The timeline's entries of the log kept in memory (src/db/log-cache.ts), built by the process
 * screen in idle moments after it has read the log ahead, or at once by the timeline if it gets
 * there first. Building the entries of 10,000 events (sentences in two languages and the search
 * text) takes a few hundred milliseconds, which the click on "Verlauf" then no longer waits for,
 * and which idle moments take in stretches short enough not to delay a click elsewhere
 * (decision 63). A log that grew by an event is walked on from where the walk stopped: the kept
 * log reuses its event objects, so the same object at the walk's last place means the same log.
 */
import type { ProcessContext } from '../../../machines/process/process.context.ts';
import type { Rulebook } from '../../../standards/rulebook.ts';
import type { LoggedEvent } from '../../domain/chain.ts';
import { type TimelineEntry, TimelineWalk } from '../../domain/timeline.ts';

/** Events told per idle stretch: about 15 ms each on the two-core machine of the bench. */
const EVENTS_PER_STRETCH = 500;

interface Kept {
  rulebook: Rulebook;
  /** The log walked, and how far. */
  events: readonly LoggedEvent[];
  walk: TimelineWalk;
}

/** One walk, of the log shown last. */
let kept: Kept | null = null;
const finished = new WeakMap<readonly LoggedEvent[], TimelineEntry[]>();

/** The kept walk if it walks a beginning of `events`, or a new one. */
function walkFor(rulebook: Rulebook, events: readonly LoggedEvent[], ctx: ProcessContext): Kept {
  const told = kept?.walk.entries.length ?? 0;
  const continues =
    kept && kept.rulebook === rulebook && told <= events.length && (told === 0 || kept.events[told - 1] === events[told - 1]);
  if (!(kept && continues)) kept = { rulebook, events, walk: new TimelineWalk(rulebook, ctx) };
  kept.events = events;
  return kept;
}

/** A log's entries, oldest first; the same array for the same log. */
export function entriesOf(rulebook: Rulebook, events: readonly LoggedEvent[], ctx: ProcessContext): TimelineEntry[] {
  const known = finished.get(events);
  if (known) return known;
  const { walk } = walkFor(rulebook, events, ctx);
  walk.tell(events, walk.entries.length);
  const entries = walk.entries.slice();
  finished.set(events, entries);
  return entries;
}

/**
 * Builds a log's entries in stretches, one per `idle()`; stops early when `cancelled()` says
 * so (another log is shown now). `entriesOf` then returns them without walking again.
 */
export async function buildEntriesWhenIdle(
  rulebook: Rulebook,
  events: readonly LoggedEvent[],
  ctx: ProcessContext,
  idle: () => Promise<void>,
  cancelled: () => boolean,
): Promise<void> {
  while (!finished.has(events) && !cancelled()) {
    await idle();
    if (cancelled() || finished.has(events)) return;
    const state = walkFor(rulebook, events, ctx);
    const from = state.walk.entries.length;
    if (events.length - from <= EVENTS_PER_STRETCH) entriesOf(rulebook, events, ctx);
    else state.walk.tell(events, from, from + EVENTS_PER_STRETCH);
  }
}
