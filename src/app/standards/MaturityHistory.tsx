/**
 * How each standard's maturity developed over the cycles, as a chart or as a table. The table
 * is the complete, accessible form of the same numbers; a toggle switches between the two.
 */
import { useState } from 'react';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { useServices } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { MaturityChart } from './MaturityChart.tsx';
import { IQ_LEVEL_ORDER, standardsMessages } from './messages.ts';
import { groupByIqLevel, type HistoryRow, maturityHistory, scaleName } from './standard-view.ts';

function MaturityTable({ rows, cycles }: { rows: readonly HistoryRow[]; cycles: number }) {
  const t = useMessages(standardsMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const cycleNumbers = Array.from({ length: cycles }, (_, i) => i + 1);
  const groups = groupByIqLevel(
    rows.map((r) => r.standard),
    IQ_LEVEL_ORDER,
  );
  const rowOf = new Map(rows.map((r) => [r.standard.id, r]));
  return (
    <div className="table-scroll">
      <table className="maturity-table">
        <caption>{t.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.standardColumn}</th>
            {cycleNumbers.map((c) => (
              <th scope="col" key={c}>
                {t.cycle(c)}
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.iqLevel}>
            <tr className="group-row">
              <th scope="rowgroup" colSpan={cycles + 1}>
                {t.iqLevels[group.iqLevel]}
              </th>
            </tr>
            {group.standards.map((standard) => (
              <tr key={standard.id}>
                <th scope="row">
                  {standard.number}. {standard.title[lang]}
                </th>
                {(rowOf.get(standard.id)?.cycles ?? []).map(({ cycle, level }) => (
                  <td key={cycle}>
                    {level === null ? (
                      <>
                        <span aria-hidden="true">{t.notRatedMark}</span>
                        <span className="visually-hidden">{t.notRatedLong}</span>
                      </>
                    ) : (
                      <>
                        <strong>{level}</strong>{' '}
                        <span className="muted">({scaleName(engine.rulebook.catalog.maturityScale[level]?.[lang] ?? '')})</span>
                      </>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

export function MaturityHistory({ snapshot }: { snapshot: ProcessSnapshot }) {
  const t = useMessages(standardsMessages);
  const { engine } = useServices();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const ctx = snapshot.context;
  const ordered = groupByIqLevel(engine.rulebook.catalog.standards, IQ_LEVEL_ORDER).flatMap((g) => g.standards);
  const rows = maturityHistory(ctx, ordered);
  return (
    <section aria-labelledby="maturity-history-title" className="maturity-history">
      <h2 id="maturity-history-title">{t.history}</h2>
      <p>{t.historyIntro}</p>
      <button type="button" onClick={() => setView(view === 'chart' ? 'table' : 'chart')}>
        {view === 'chart' ? t.showTable : t.showChart}
      </button>
      {view === 'chart' ? <MaturityChart rows={rows} cycles={ctx.cycle} /> : <MaturityTable rows={rows} cycles={ctx.cycle} />}
    </section>
  );
}
