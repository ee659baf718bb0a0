/**
 * The entries as a list that stays smooth at 10,000 events: only the entries in view (and a
 * few around them) are in the page. Each rendered item still tells assistive technology its
 * place in the whole list (aria-posinset of aria-setsize), so "event 12 of 9,800" is heard
 * even though the other 9,788 are not in the DOM.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { findEvidence } from '../../../machines/process/process.collections.ts';
import type { ProcessContext } from '../../../machines/process/process.context.ts';
import { currentRevision } from '../../../machines/process/process.queries.ts';
import { eventTypeLabel, type TimelineEntry } from '../../domain/timeline.ts';
import type { TimelineOrder } from '../../domain/timeline-filter.ts';
import { useServices } from '../data.tsx';
import { formatDateTime, useLang, useMessages } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { timelineMessages } from './messages.ts';

/** At most this many evidence links per entry; the rest are counted. */
const MAX_EVIDENCE_LINKS = 3;
/** A first guess at an entry's height; each rendered entry is then measured. */
const ESTIMATED_HEIGHT = 150;

/**
 * Events signed by the acting person: their key belongs in the "who" line. For key and person
 * registrations and revocations the entry's fingerprint is the key concerned, not the actor's,
 * and the sentence already names it; beside the actor's name it would read as if they had signed.
 */
const SIGNED_TYPES: ReadonlySet<string> = new Set(['SignOffGranted', 'SignOffRefused']);

function EntryView({ entry, processId, ctx }: { entry: TimelineEntry; processId: string; ctx: ProcessContext }) {
  const t = useMessages(timelineMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const { stages, roles } = engine.rulebook.template;
  const roleLabel = roles.find((r) => r.id === entry.role)?.label[lang] ?? entry.role;
  const stage = entry.links.stage ?? entry.stage;
  const stageTitle = stages.find((s) => s.id === stage)?.title[lang] ?? stage;
  const evidence = entry.links.evidenceIds.slice(0, MAX_EVIDENCE_LINKS).map((id) => {
    const record = findEvidence(ctx, id);
    // Gone evidence has no item to lead to: the link opens the evidence tab as a whole.
    return { id, exists: record !== undefined, title: record ? currentRevision(record).title : `${id} (${t.evidenceGone})` };
  });
  const more = entry.links.evidenceIds.length - evidence.length;
  return (
    <>
      <p className="timeline-meta">
        <strong className={`timeline-type timeline-type-${entry.type}`}>{eventTypeLabel(entry.type, lang)}</strong>
        {' · '}
        <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
        {' · '}
        <span className="hint">{t.event(entry.seq)}</span>
      </p>
      <p className="timeline-who">
        {entry.personName}, {roleLabel}
        {entry.fingerprint && SIGNED_TYPES.has(entry.type) ? (
          <>
            {' · '}
            {t.key} <code className="timeline-fingerprint">{entry.fingerprint}</code>
          </>
        ) : null}
      </p>
      <p className="timeline-what">{entry.text[lang]}</p>
      <p className="timeline-links">
        <span className="visually-hidden">{t.links}: </span>
        <Link to={{ screen: 'process', processId, tab: 'overview' }}>{t.stageLink(stageTitle, entry.cycle)}</Link>
        {evidence.map((e) => (
          <span key={e.id}>
            {' · '}
            <Link to={{ screen: 'process', processId, tab: 'evidence', item: e.exists ? e.id : undefined }}>{t.evidenceLink(e.title)}</Link>
          </span>
        ))}
        {more > 0 ? ` ${t.moreEvidence(more)}` : null}
      </p>
    </>
  );
}

export function TimelineList({
  entries,
  order,
  processId,
  ctx,
}: {
  entries: readonly TimelineEntry[];
  order: TimelineOrder;
  processId: string;
  ctx: ProcessContext;
}) {
  const t = useMessages(timelineMessages);
  const scrollRef = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_HEIGHT,
    getItemKey: (index) => entries[index]?.seq ?? index,
    overscan: 5,
  });
  // A new selection starts at its top, not somewhere in the middle of the old one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs because the selection changed
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [entries]);
  if (entries.length === 0) return <p className="timeline-none">{t.none}</p>;
  const items = virtualizer.getVirtualItems();
  return (
    // The list scrolls on its own, so it must take keyboard focus to be scrolled without a mouse.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1)
    <section ref={scrollRef} className="timeline-scroll" tabIndex={0} aria-label={t.listLabel(order)}>
      {/* biome-ignore lint/a11y/noRedundantRoles: list-style none drops list semantics in Safari without it */}
      <ul role="list" className="timeline-list" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const entry = entries[item.index] as TimelineEntry;
          return (
            <li
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              aria-setsize={entries.length}
              aria-posinset={item.index + 1}
              className="timeline-entry"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <EntryView entry={entry} processId={processId} ctx={ctx} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
