/**
 * The timeline ("Verlauf"): every event of the process, filterable and searchable, with the
 * verdict on the whole chain above it. Entries are computed once per new event; filtering runs
 * over them on every change and takes milliseconds even for 10,000 events. The process screen
 * usually has the log and its entries ready before the timeline is opened (entries.ts).
 */
import { useDeferredValue, useMemo, useState } from 'react';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { filterTimeline, NO_FILTER, type TimelineFilter, timelineFacets } from '../../domain/timeline-filter.ts';
import { useServices } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { ChainStatus } from './ChainStatus.tsx';
import { entriesOf } from './entries.ts';
import { FilterBar } from './FilterBar.tsx';
import { timelineMessages } from './messages.ts';
import { useChainVerdict, useStoredLog } from './stored-log.ts';
import { TimelineList } from './TimelineList.tsx';
import './timeline.css';

export function TimelineTab({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const t = useMessages(timelineMessages);
  const { engine } = useServices();
  const ctx = snapshot.context;
  const log = useStoredLog(processId, ctx.eventCount);
  const verdict = useChainVerdict(log);
  const events = log.status === 'ready' ? log.events : null;
  // The context only supplies names the walk has not met; the events decide when to recompute.
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed per new log, not per context object
  const entries = useMemo(() => (events ? entriesOf(engine.rulebook, events, ctx) : []), [events, engine]);
  const facets = useMemo(() => timelineFacets(entries), [entries]);
  const [filter, setFilter] = useState<TimelineFilter>(NO_FILTER);
  // Typing stays responsive: the list follows the filter a moment later if it must.
  const deferred = useDeferredValue(filter);
  const shown = useMemo(() => filterTimeline(entries, deferred), [entries, deferred]);
  return (
    <section aria-labelledby="timeline-title" className="timeline">
      <h2 id="timeline-title">{t.title}</h2>
      <p className="hint">{t.intro}</p>
      <ChainStatus verdict={verdict} />
      {log.status === 'loading' ? <p>{t.loading}</p> : null}
      {log.status === 'ready' ? (
        <>
          <FilterBar filter={filter} setFilter={setFilter} facets={facets} shown={shown.length} total={entries.length} />
          <TimelineList entries={shown} order={deferred.order} processId={processId} ctx={ctx} />
        </>
      ) : null}
    </section>
  );
}
