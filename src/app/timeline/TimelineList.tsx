/**
 * The entries as a list that stays smooth at 10,000 events: only the entries in view (and a
 * few around them) are in the page. Each rendered item still tells assistive technology its
 * place in the whole list (aria-posinset of aria-setsize), so "event 12 of 9,800" is heard
 * even though the other 9,788 are not in the DOM.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, startTransition, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ProcessContext } from '../../../machines/process/process.context.ts';
import { currentRevision, findEvidence } from '../../../machines/process/process.queries.ts';
import type { TimelineEntry } from '../../domain/timeline.ts';
import type { TimelineOrder } from '../../domain/timeline-filter.ts';
import { eventTypeLabel } from '../../i18n/timeline.ts';
import { useServices } from '../data.tsx';
import { formatDateTime, useLang, useMessages } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { type EntryMetrics, estimateEntryHeight, measureEntry } from './entry-height.ts';
import { timelineMessages } from './messages.ts';

/** At most this many evidence links per entry; the rest are counted. */
const MAX_EVIDENCE_LINKS = 3;
/** A guess at an entry's height until the first entry is measured; each rendered entry is then measured. */
const ESTIMATED_HEIGHT = 150;

/**
 * Events signed by the acting person: their key belongs in the "who" line. For key and person
 * registrations and revocations the entry's fingerprint is the key concerned, not the actor's,
 * and the sentence already names it; beside the actor's name it would read as if they had signed.
 */
const SIGNED_TYPES: ReadonlySet<string> = new Set(['SignOffGranted', 'SignOffRefused']);

type Messages = ReturnType<typeof useMessages<typeof timelineMessages.de>>;
type Lang = ReturnType<typeof useLang>['lang'];
type Template = ReturnType<typeof useServices>['engine']['rulebook']['template'];

/** What an entry says besides its sentence: who (by role), the stage link, the evidence links. */
function entryParts(entry: TimelineEntry, ctx: ProcessContext, template: Template, lang: Lang, t: Messages) {
  const roleLabel = template.roles.find((r) => r.id === entry.role)?.label[lang] ?? entry.role;
  const stage = entry.links.stage ?? entry.stage;
  const stageTitle = template.stages.find((s) => s.id === stage)?.title[lang] ?? stage;
  const evidence = entry.links.evidenceIds.slice(0, MAX_EVIDENCE_LINKS).map((id) => {
    const record = findEvidence(ctx, id);
    // Gone evidence has no item to lead to: the link opens the evidence tab as a whole.
    return { id, exists: record !== undefined, title: record ? currentRevision(record).title : `${id} (${t.evidenceGone})` };
  });
  const more = entry.links.evidenceIds.length - evidence.length;
  const signedWith = entry.fingerprint && SIGNED_TYPES.has(entry.type) ? entry.fingerprint : null;
  return { roleLabel, stageTitle, evidence, more, signedWith };
}

/** The characters in each of an entry's four paragraphs, as EntryView writes them (the first is one line). */
function paragraphChars(entry: TimelineEntry, ctx: ProcessContext, template: Template, lang: Lang, t: Messages): number[] {
  const { roleLabel, stageTitle, evidence, more, signedWith } = entryParts(entry, ctx, template, lang, t);
  const who = entry.personName.length + roleLabel.length + 2 + (signedWith ? t.key.length + signedWith.length + 4 : 0);
  const links =
    t.stageLink(stageTitle, entry.cycle).length +
    evidence.reduce((n, e) => n + 3 + t.evidenceLink(e.title).length, 0) +
    (more > 0 ? t.moreEvidence(more).length + 1 : 0);
  return [1, who, entry.text[lang].length, links];
}

function EntryView({ entry, processId, ctx }: { entry: TimelineEntry; processId: string; ctx: ProcessContext }) {
  const t = useMessages(timelineMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const { roleLabel, stageTitle, evidence, more, signedWith } = entryParts(entry, ctx, engine.rulebook.template, lang, t);
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
        {signedWith ? (
          <>
            {' · '}
            {t.key} <code className="timeline-fingerprint">{signedWith}</code>
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
  const { lang } = useLang();
  const { engine } = useServices();
  const scrollRef = useRef<HTMLElement>(null);
  // Measured once, on the first entry shown: only then does every entry above the view have its
  // real height, so a changed guess moves nothing the reader sees.
  const [metrics, setMetrics] = useState<EntryMetrics | null>(null);
  // One guess per entry for the whole selection; the virtualiser asks for all of them often.
  const estimates = useMemo(() => {
    if (!metrics) return null;
    const template = engine.rulebook.template;
    return entries.map((entry) => estimateEntryHeight(paragraphChars(entry, ctx, template, lang, t), metrics));
  }, [entries, metrics, ctx, engine, lang, t]);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimates?.[index] ?? ESTIMATED_HEIGHT,
    getItemKey: (index) => entries[index]?.seq ?? index,
    overscan: 5,
  });
  // A new selection starts at its top, not somewhere in the middle of the old one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs because the selection changed
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [entries]);
  useLayoutEffect(() => {
    if (metrics) return;
    const first = scrollRef.current?.querySelector<HTMLElement>('.timeline-entry');
    const measured = first ? measureEntry(first) : null;
    // Guessing 10,000 heights takes a while: after the first entries are on screen, not before.
    if (measured) startTransition(() => setMetrics(measured));
  });
  if (entries.length === 0) return <p className="timeline-none">{t.none}</p>;
  const items = virtualizer.getVirtualItems();
  // Home and End go through the virtualiser: the browser's own End scrolls to the end as guessed
  // before the last entries are measured, and measuring them can push the real end out of view.
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key !== 'End' && event.key !== 'Home') return;
    event.preventDefault();
    virtualizer.scrollToIndex(event.key === 'End' ? entries.length - 1 : 0, { align: event.key === 'End' ? 'end' : 'start' });
  };
  return (
    // The list scrolls on its own, so it must take keyboard focus to be scrolled without a mouse.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1)
    <section ref={scrollRef} className="timeline-scroll" tabIndex={0} aria-label={t.listLabel(order)} onKeyDown={onKeyDown}>
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
