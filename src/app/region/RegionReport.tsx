/**
 * The Regionalbericht: the overview as an A4 print view (save as PDF), with every agency's event
 * count and head hash, so each figure can be traced to a bundle that anyone can verify.
 */
import { AGENCY_TYPE, chainText, copyDateText, OVERVIEW_COLUMNS } from '../../i18n/overview.ts';
import { wordsFor } from '../../i18n/reasons.ts';
import { useServices } from '../data.tsx';
import { EngineProvider } from '../engine.tsx';
import { formatDateTime, useLang, useMessages } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { Heatmap } from './Heatmap.tsx';
import { regionMessages } from './messages.ts';
import { SupportList } from './SupportList.tsx';
import { useRegionOverview } from './use-region.ts';
import '../report/report.css';
import './region.css';
import { ScrollBox } from '../ui/ScrollBox.tsx';

export function RegionReport() {
  return (
    <EngineProvider>
      <RegionReportView />
    </EngineProvider>
  );
}

function RegionReportView() {
  const t = useMessages(regionMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const view = useRegionOverview();
  if (!view) return <p>{t.loading}</p>;
  const c = OVERVIEW_COLUMNS[lang];
  const w = wordsFor(engine.rulebook, lang);
  const { rows } = view.overview;
  return (
    <article className="report region-report" aria-labelledby="region-report-title">
      <header className="report-header">
        <p className="report-kind">{t.reportKind}</p>
        <h1 id="region-report-title">{t.title}</h1>
        <p>{t.reportAsOf(formatDateTime(view.asOf, lang))}</p>
        <div className="report-actions no-print">
          <button type="button" className="primary" onClick={() => window.print()}>
            {t.print}
          </button>{' '}
          <Link to={{ screen: 'region' }}>{t.back}</Link>
        </div>
      </header>
      <section className="report-section" aria-labelledby="region-report-agencies">
        <h2 id="region-report-agencies">{t.tableTitle}</h2>
        <ScrollBox labelledBy="region-report-agencies" className="report-table-box">
          <table>
            <thead>
              <tr>
                <th scope="col">{c.name}</th>
                <th scope="col">{c.stage}</th>
                <th scope="col">{c.daysInStage}</th>
                <th scope="col">{c.measuresOverdue}</th>
                <th scope="col">{c.openSignOffs}</th>
                <th scope="col">{c.exportedAt}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.processId}>
                  <th scope="row">
                    {r.name}
                    <span className="report-sub">
                      {AGENCY_TYPE[lang][r.type]} · {r.region}
                    </span>
                  </th>
                  <td>
                    {w.stage(r.stage)}, {r.cycle}
                  </td>
                  <td>{r.daysInStage}</td>
                  <td>{r.measuresOverdue}</td>
                  <td>{r.openSignOffs}</td>
                  <td>{copyDateText(r, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </section>
      <SupportList rows={view.overview.support} />
      <Heatmap rows={rows} standardIds={view.overview.standardIds} />
      <section className="report-section" aria-labelledby="region-report-trace">
        <h2 id="region-report-trace">{t.traceTitle}</h2>
        <p>{t.reportIntro}</p>
        <ScrollBox labelledBy="region-report-trace" className="report-table-box">
          <table>
            <thead>
              <tr>
                <th scope="col">{c.name}</th>
                <th scope="col">{c.chain}</th>
                <th scope="col">{c.eventCount}</th>
                <th scope="col">{c.headHash}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.processId}>
                  <th scope="row">{r.name}</th>
                  <td>{chainText(r, lang)}</td>
                  <td>{r.source.eventCount}</td>
                  <td className="report-mono report-digest">{r.source.headHash}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </section>
    </article>
  );
}
