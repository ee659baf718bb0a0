/**
 * The "Maßnahmen" tab of one process: the measures by cycle with their next steps, a form to
 * plan a new one, and the deadlines as a calendar file. What is possible is always the engine's
 * answer; this screen only collects input and shows the reasons it gives.
 */
import { useState } from 'react';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { allMeasures, isOpenMeasure, overdueMeasures } from '../../../machines/process/process.queries.ts';
import { useServices } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { timeFor, useActionScope, useAppend } from '../process-data.tsx';
import { Status } from '../ui/Announcer.tsx';
import { CalendarDownload } from './CalendarDownload.tsx';
import { type MeasureFilter, MeasureList } from './MeasureList.tsx';
import { measuresMessages } from './messages.ts';
import { PlanMeasureForm } from './PlanMeasureForm.tsx';

function FilterChoice({ value, onChange }: { value: MeasureFilter; onChange: (next: MeasureFilter) => void }) {
  const t = useMessages(measuresMessages);
  const options: [MeasureFilter, string][] = [
    ['open', t.filterOpen],
    ['all', t.filterAll],
  ];
  return (
    <fieldset className="measure-filter">
      <legend>{t.filterLegend}</legend>
      {options.map(([option, label]) => (
        <label key={option}>
          <input type="radio" name="measure-filter" value={option} checked={value === option} onChange={() => onChange(option)} /> {label}
        </label>
      ))}
    </fieldset>
  );
}

export function MeasuresTab({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const t = useMessages(measuresMessages);
  const { now } = useServices();
  const { build, append, identity } = useAppend(processId, snapshot);
  const { may } = useActionScope(snapshot);
  const [filter, setFilter] = useState<MeasureFilter>('open');
  const [announcement, setAnnouncement] = useState('');
  const ctx = snapshot.context;
  const open = allMeasures(ctx).filter((m) => isOpenMeasure(m)).length;
  const overdue = overdueMeasures(ctx, timeFor(snapshot, now())).length;
  return (
    <div className="measures">
      <section aria-labelledby="measures-title">
        <h2 id="measures-title">{t.title}</h2>
        <p>
          {t.intro} <strong>{t.summary(open, overdue)}</strong>
        </p>
        {identity === null ? <p className="notice notice-warning">{t.noIdentity}</p> : null}
        <div className="measures-toolbar">
          <FilterChoice value={filter} onChange={setFilter} />
          <CalendarDownload snapshot={snapshot} announce={setAnnouncement} />
        </div>
        <Status className="status-line">{announcement}</Status>
        <MeasureList processId={processId} snapshot={snapshot} filter={filter} build={build} append={append} announce={setAnnouncement} />
      </section>
      {may('MeasurePlanned') ? <PlanMeasureForm snapshot={snapshot} build={build} append={append} announce={setAnnouncement} /> : null}
    </div>
  );
}
