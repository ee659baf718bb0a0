/**
 * The filters above the timeline: stage, cycle, person, type of event, a date range, a text
 * search and the order. Each is a labelled native control, so the keyboard and screen readers
 * work as everywhere else; the number of events shown is announced politely as it changes.
 */
import type { Dispatch, SetStateAction } from 'react';
import { STAGE_ORDER, type StageId } from '../../../standards/schema.ts';
import { NO_FILTER, type TimelineFacets, type TimelineFilter, type TimelineOrder } from '../../domain/timeline-filter.ts';
import { eventTypeLabel } from '../../i18n/timeline.ts';
import { useServices } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { timelineMessages } from './messages.ts';

export function FilterBar({
  filter,
  setFilter,
  facets,
  shown,
  total,
}: {
  filter: TimelineFilter;
  setFilter: Dispatch<SetStateAction<TimelineFilter>>;
  facets: TimelineFacets;
  shown: number;
  total: number;
}) {
  const t = useMessages(timelineMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const set = (patch: Partial<TimelineFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const stageTitle = (id: StageId) => engine.rulebook.template.stages.find((s) => s.id === id)?.title[lang] ?? id;
  const rangeError =
    filter.from && filter.to && filter.from > filter.to ? (lang === 'de' ? '„Bis“ liegt vor „Von“.' : '"To" is before "From".') : null;
  return (
    <section className="timeline-filters" aria-labelledby="timeline-filters-title">
      <h3 id="timeline-filters-title">{t.filters}</h3>
      <div className="timeline-filter-grid">
        <SelectField
          label={t.stage}
          value={filter.stage ?? ''}
          onChange={(e) => set({ stage: (e.target.value || null) as StageId | null })}
        >
          <option value="">{t.all}</option>
          {STAGE_ORDER.filter((s) => facets.stages.includes(s)).map((s) => (
            <option key={s} value={s}>
              {stageTitle(s)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t.cycle}
          value={filter.cycle ?? ''}
          onChange={(e) => set({ cycle: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">{t.all}</option>
          {facets.cycles.map((c) => (
            <option key={c} value={c}>
              {t.cycleOption(c)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t.person} value={filter.personId ?? ''} onChange={(e) => set({ personId: e.target.value || null })}>
          <option value="">{t.all}</option>
          {facets.people.map((p) => (
            <option key={p.personId} value={p.personId}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t.type} value={filter.type ?? ''} onChange={(e) => set({ type: e.target.value || null })}>
          <option value="">{t.all}</option>
          {facets.types.map((type) => (
            <option key={type} value={type}>
              {eventTypeLabel(type, lang)}
            </option>
          ))}
        </SelectField>
        <TextField label={t.from} type="date" value={filter.from ?? ''} onChange={(e) => set({ from: e.target.value || null })} />
        <TextField
          label={t.to}
          type="date"
          value={filter.to ?? ''}
          onChange={(e) => set({ to: e.target.value || null })}
          error={rangeError}
        />
        <TextField
          label={t.search}
          hint={t.searchHint}
          type="search"
          value={filter.text}
          onChange={(e) => set({ text: e.target.value })}
          maxLength={200}
        />
        <fieldset className="timeline-order">
          <legend>{t.order}</legend>
          {(['newest', 'oldest'] as TimelineOrder[]).map((order) => (
            <label key={order}>
              <input type="radio" name="timeline-order" value={order} checked={filter.order === order} onChange={() => set({ order })} />{' '}
              {order === 'newest' ? t.newest : t.oldest}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="timeline-filter-footer">
        <Status quietOnMount className="timeline-count">
          {t.count(shown, total)}
        </Status>
        <button type="button" onClick={() => setFilter(NO_FILTER)}>
          {t.reset}
        </button>
      </div>
    </section>
  );
}
