/**
 * The process's measures by cycle, the current cycle first. Within a cycle overdue measures come
 * first, then by deadline. Overdue is shown by an icon, the word and the order, never by colour
 * alone; each measure carries the steps its status allows.
 */
import type { ReactNode } from 'react';
import type { MeasureRecord } from '../../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { allMeasures, isOpenMeasure, isOverdue } from '../../../machines/process/process.queries.ts';
import { useServices } from '../data.tsx';
import { formatDay, locale, useLang, useMessages } from '../i18n.tsx';
import { timeFor, type useAppend } from '../process-data.tsx';
import type { Append } from './form-support.ts';
import { MeasureSteps } from './MeasureSteps.tsx';
import { iqLevelLabels, measureStatusLabels, measuresMessages } from './messages.ts';

export type MeasureFilter = 'open' | 'all';

const STATUS_ICONS: Record<MeasureRecord['status'], string> = {
  planned: '○',
  running: '▶',
  replanned: '↻',
  done: '✓',
  cancelled: '✕',
};

interface Group {
  cycle: number;
  measures: MeasureRecord[];
}

/** Measures by cycle (newest first); in each, overdue first, then by deadline and title. */
export function groupMeasures(measures: readonly MeasureRecord[], at: string): Group[] {
  const byCycle = new Map<number, MeasureRecord[]>();
  for (const m of measures) byCycle.set(m.cycle, [...(byCycle.get(m.cycle) ?? []), m]);
  const order = (a: MeasureRecord, b: MeasureRecord) =>
    Number(isOverdue(b, at)) - Number(isOverdue(a, at)) || a.due.localeCompare(b.due) || a.title.localeCompare(b.title);
  return [...byCycle.entries()].sort(([a], [b]) => b - a).map(([cycle, list]) => ({ cycle, measures: list.sort(order) }));
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function MeasureItem({
  processId,
  snapshot,
  measure,
  at,
  build,
  append,
  announce,
}: {
  processId: string;
  snapshot: ProcessSnapshot;
  measure: MeasureRecord;
  at: string;
  build: ReturnType<typeof useAppend>['build'];
  append: Append;
  announce: (message: string) => void;
}) {
  const t = useMessages(measuresMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const overdue = isOverdue(measure, at);
  const template = engine.rulebook.measureTemplates.templates.find((x) => x.id === measure.templateId);
  const lastNote = measure.status === 'replanned' || measure.status === 'cancelled' ? measure.history.at(-1)?.note : null;
  const euros = new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'EUR' });
  return (
    <li className={overdue ? 'measure measure-overdue' : 'measure'}>
      <h4>
        {overdue ? (
          <span className="badge badge-danger">
            <span aria-hidden="true">⚠ </span>
            {t.overdue}
          </span>
        ) : null}{' '}
        {measure.title}
      </h4>
      <dl className="measure-facts">
        <Fact label={t.status}>
          <span aria-hidden="true">{STATUS_ICONS[measure.status]} </span>
          {measureStatusLabels[lang][measure.status]}
        </Fact>
        <Fact label={t.due}>
          {formatDay(measure.due, lang)}
          {overdue ? <strong> ({t.overdue})</strong> : null}
        </Fact>
        <Fact label={t.owner}>{measure.owner}</Fact>
        <Fact label={t.iqLevel}>{iqLevelLabels[lang][measure.iqLevel]}</Fact>
        <Fact label={t.template}>{template ? template.title[lang] : t.withoutTemplate}</Fact>
        <Fact label={t.indicator}>{measure.indicator}</Fact>
        {measure.budgetCents !== null ? <Fact label={t.budget}>{euros.format(measure.budgetCents / 100)}</Fact> : null}
        {measure.evidenceIds.length > 0 ? <Fact label={t.evidence}>{t.evidenceCount(measure.evidenceIds.length)}</Fact> : null}
        {lastNote ? <Fact label={t.lastNote}>{lastNote}</Fact> : null}
        {measure.outcome ? <Fact label={t.outcome}>{measure.outcome}</Fact> : null}
      </dl>
      <MeasureSteps processId={processId} snapshot={snapshot} measure={measure} build={build} append={append} announce={announce} />
    </li>
  );
}

export function MeasureList({
  processId,
  snapshot,
  filter,
  build,
  append,
  announce,
}: {
  processId: string;
  snapshot: ProcessSnapshot;
  filter: MeasureFilter;
  build: ReturnType<typeof useAppend>['build'];
  append: Append;
  announce: (message: string) => void;
}) {
  const t = useMessages(measuresMessages);
  const { now } = useServices();
  const ctx = snapshot.context;
  const at = timeFor(snapshot, now());
  const all = allMeasures(ctx);
  const shown = filter === 'open' ? all.filter((m) => isOpenMeasure(m)) : all;
  if (shown.length === 0) return <p>{all.length === 0 ? t.none : t.noneOpen}</p>;
  return (
    <>
      {groupMeasures(shown, at).map((group) => {
        const heading = t.cycle(group.cycle, group.cycle === ctx.cycle);
        return (
          <section key={group.cycle} aria-labelledby={`measures-cycle-${group.cycle}`}>
            <h3 id={`measures-cycle-${group.cycle}`}>{heading}</h3>
            <ol className="measure-list" aria-label={t.listLabel(heading)}>
              {group.measures.map((m) => (
                <MeasureItem
                  key={m.measureId}
                  processId={processId}
                  snapshot={snapshot}
                  measure={m}
                  at={at}
                  build={build}
                  append={append}
                  announce={announce}
                />
              ))}
            </ol>
          </section>
        );
      })}
    </>
  );
}
