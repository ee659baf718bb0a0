/**
 * One row per agency, sortable by every column and filtered by region, type, stage, overdue and
 * name. Sorting is a button in each column heading (aria-sort says the order); the count of rows
 * shown is announced.
 */
import { useMemo, useState } from 'react';
import { STAGE_ORDER, type StageId } from '../../../standards/schema.ts';
import type { AgencyRow } from '../../domain/overview.ts';
import { normaliseForSearch } from '../../domain/search-text.ts';
import { AGENCY_TYPE, chainText, copyDateText, OVERVIEW_COLUMNS } from '../../i18n/overview.ts';
import { wordsFor } from '../../i18n/reasons.ts';
import { useServices } from '../data.tsx';
import { formatDay, useLang, useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { ScrollBox } from '../ui/ScrollBox.tsx';
import { regionMessages } from './messages.ts';

type Column = 'name' | 'stage' | 'daysInStage' | 'measuresOverdue' | 'openSignOffs' | 'lastActivity' | 'newestEvidence' | 'exportedAt';
const hasOverdue = (r: AgencyRow) => r.measuresOverdue > 0 || r.support.some((n) => n.kind === 'overdueSignOff');

const sortKey: Record<Column, (r: AgencyRow) => string | number> = {
  name: (r) => r.name,
  stage: (r) => r.cycle * 10 + STAGE_ORDER.indexOf(r.stage),
  daysInStage: (r) => r.daysInStage,
  measuresOverdue: (r) => r.measuresOverdue,
  openSignOffs: (r) => r.longestWaitDays ?? -1,
  lastActivity: (r) => r.lastActivity,
  newestEvidence: (r) => r.newestEvidence ?? '',
  exportedAt: (r) => r.source.exportedAt ?? '9999',
};

export function AgencyTable({ rows }: { rows: readonly AgencyRow[] }) {
  const t = useMessages(regionMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const c = OVERVIEW_COLUMNS[lang];
  const w = wordsFor(engine.rulebook, lang);
  const [query, setQuery] = useState('');
  const [region, setRegion] = useState('');
  const [type, setType] = useState('');
  const [stage, setStage] = useState('');
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({ column: 'name', descending: false });

  const regions = useMemo(() => [...new Set(rows.map((r) => r.region))].sort((a, b) => a.localeCompare(b, 'de')), [rows]);
  const shown = useMemo(() => {
    const words = normaliseForSearch(query).split(/\s+/).filter(Boolean);
    const key = sortKey[sort.column];
    return rows
      .filter((r) => (!region || r.region === region) && (!type || r.type === type) && (!stage || r.stage === stage))
      .filter((r) => !onlyOverdue || hasOverdue(r))
      .filter((r) => words.every((word) => normaliseForSearch(r.name).includes(word)))
      .sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'de');
        return (sort.descending ? -order : order) || a.name.localeCompare(b.name, 'de');
      });
  }, [rows, query, region, type, stage, onlyOverdue, sort]);

  const heading = (column: Column, label: string) => {
    const active = sort.column === column;
    return (
      <th scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
        <button
          type="button"
          className="sort-button"
          onClick={() => setSort({ column, descending: active ? !sort.descending : false })}
          aria-label={`${label}: ${t.sortBy(label)}`}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <section className="card" aria-labelledby="region-table-title">
      <h2 id="region-table-title">{t.tableTitle}</h2>
      <div className="region-filters">
        <TextField label={t.search} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <SelectField label={t.filterRegion} value={region} onChange={(e) => setRegion(e.target.value)}>
          <option value="">{t.all}</option>
          {regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <SelectField label={t.filterType} value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">{t.all}</option>
          <option value="AA">{AGENCY_TYPE[lang].AA}</option>
          <option value="JC">{AGENCY_TYPE[lang].JC}</option>
        </SelectField>
        <SelectField label={t.filterStage} value={stage} onChange={(e) => setStage(e.target.value)}>
          <option value="">{t.all}</option>
          {STAGE_ORDER.map((s: StageId) => (
            <option key={s} value={s}>
              {w.stage(s)}
            </option>
          ))}
        </SelectField>
        <label className="checkbox-line">
          <input type="checkbox" checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.target.checked)} /> {t.onlyOverdue}
        </label>
        <button
          type="button"
          onClick={() => {
            setQuery('');
            setRegion('');
            setType('');
            setStage('');
            setOnlyOverdue(false);
          }}
        >
          {t.reset}
        </button>
      </div>
      <Status quietOnMount className="status-line">
        {t.tableCaption(shown.length, rows.length)}
      </Status>
      <ScrollBox labelledBy="region-table-title" className="region-scroll">
        <table className="region-table">
          <caption className="visually-hidden">{t.tableCaption(shown.length, rows.length)}</caption>
          <thead>
            <tr>
              {heading('name', c.name)}
              {heading('stage', c.stage)}
              {heading('daysInStage', c.daysInStage)}
              <th scope="col">{c.measuresRunning}</th>
              {heading('measuresOverdue', c.measuresOverdue)}
              {heading('openSignOffs', c.openSignOffs)}
              {heading('lastActivity', c.lastActivity)}
              {heading('newestEvidence', c.newestEvidence)}
              <th scope="col">{c.chain}</th>
              {heading('exportedAt', c.exportedAt)}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.processId}>
                <th scope="row">
                  {r.name}
                  <span className="hint">
                    {' '}
                    · {AGENCY_TYPE[lang][r.type]} · {r.region}
                  </span>
                </th>
                <td>
                  {w.stage(r.stage)}, {lang === 'de' ? 'Zyklus' : 'cycle'} {r.cycle}
                </td>
                <td>{r.daysInStage}</td>
                <td>{r.measuresRunning}</td>
                <td className={r.measuresOverdue > 0 ? 'region-alert' : undefined}>
                  {r.measuresOverdue > 0 ? <span aria-hidden="true">⚠ </span> : null}
                  {r.measuresOverdue}
                </td>
                <td>
                  {r.openSignOffs}
                  {r.longestWaitDays !== null ? (
                    <span className="hint"> ({lang === 'de' ? `seit ${r.longestWaitDays} Tagen` : `${r.longestWaitDays} days`})</span>
                  ) : null}
                </td>
                <td>{formatDay(r.lastActivity, lang)}</td>
                <td>{r.newestEvidence ? formatDay(r.newestEvidence, lang) : '–'}</td>
                <td>
                  <span aria-hidden="true">✓ </span>
                  {chainText(r, lang)}
                  <span className="hint">
                    {' '}
                    · {r.source.eventCount} · <code title={r.source.headHash}>{r.source.headHash.slice(0, 12)}…</code>
                  </span>
                </td>
                <td>{copyDateText(r, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
