/**
 * Übersicht Region: many agencies' processes side by side. Bundles come in many at once, each
 * verified and kept as a read-only copy on its own; the user chooses which processes of the
 * device belong to the overview; the table, the heatmap, the trend and the support list all
 * render one computed overview (src/domain/overview.ts).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { excludedFromRegion } from '../../db/reads.ts';
import type { FileImport } from '../../db/region-store.ts';
import { CSV_MEDIA_TYPE } from '../../domain/export/csv.ts';
import { overviewCsv } from '../../domain/export/overview-csv.ts';
import { useBaseServices, useProcessList, useSend, useServices } from '../data.tsx';
import { EngineProvider } from '../engine.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { DropZone } from '../ui/DropZone.tsx';
import { downloadText } from '../ui/download.ts';
import { importProblemText } from '../verify/import-text.ts';
import { AgencyTable } from './AgencyTable.tsx';
import { Heatmap } from './Heatmap.tsx';
import { regionMessages } from './messages.ts';
import { SupportList } from './SupportList.tsx';
import { TrendChart } from './TrendChart.tsx';
import { useRegionOverview } from './use-region.ts';
import './region.css';
import { Status } from '../ui/Announcer.tsx';

export function RegionScreen() {
  return (
    <EngineProvider>
      <RegionView />
    </EngineProvider>
  );
}

function RegionView() {
  const t = useMessages(regionMessages);
  const send = useSend();
  const [progress, setProgress] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [results, setResults] = useState<FileImport[] | null>(null);

  const take = async (files: File[]) => {
    setResults(null);
    setImporting(true);
    setProgress(t.importing(0, files.length));
    const done = await send('importRegionBundles', { files, onFile: (n, total) => setProgress(t.importing(n, total)) });
    setImporting(false);
    setProgress(t.imported(done.filter((d) => d.outcome.ok).length, done.length));
    setResults(done);
  };

  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <DropZone
        label={t.chooseMany}
        hint={t.chooseHint}
        dropHint={t.dropHint}
        dropNow={t.dropNow}
        accept=".json,.zip,application/json,application/zip"
        disabled={importing}
        onFiles={take}
      />
      <Status className="status-line">{progress ?? ''}</Status>
      {results ? <ImportResults results={results} /> : null}
      {/* Computed once the files are in, not again after each of fifty imports. */}
      {importing ? null : (
        <>
          <IncludeList />
          <OverviewSections />
        </>
      )}
    </>
  );
}

function OverviewSections() {
  const t = useMessages(regionMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const view = useRegionOverview();
  if (!view) return <p>{t.loading}</p>;
  if (view.overview.rows.length === 0) return <p>{t.empty}</p>;
  return (
    <>
      {view.unreadable.length > 0 ? <p className="notice notice-warning">{t.unreadable(view.unreadable.join(', '))}</p> : null}
      <AgencyTable rows={view.overview.rows} />
      <SupportList rows={view.overview.support} />
      <Heatmap rows={view.overview.rows} standardIds={view.overview.standardIds} />
      <TrendChart trend={view.overview.trend} standardIds={view.overview.standardIds} />
      <section className="card" aria-labelledby="region-export-title">
        <h2 id="region-export-title">{t.exportTitle}</h2>
        <p>
          <button
            type="button"
            onClick={() =>
              downloadText(
                `uebersicht-region-${view.asOf.slice(0, 10)}.csv`,
                overviewCsv(view.overview, engine.rulebook, lang),
                CSV_MEDIA_TYPE,
              )
            }
          >
            {t.csv}
          </button>{' '}
          <Link to={{ screen: 'regionReport' }}>{t.report}</Link>
        </p>
      </section>
    </>
  );
}

function ImportResults({ results }: { results: FileImport[] }) {
  const t = useMessages(regionMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const names = new Map((useProcessList() ?? []).map((p) => [p.processId, p.agencyName]));
  const refused = results.filter((r) => !r.outcome.ok);
  const taken = results.filter((r) => r.outcome.ok);
  return (
    <section className="card" aria-labelledby="region-results-title">
      <h2 id="region-results-title">{t.resultsTitle}</h2>
      {refused.length > 0 ? (
        <Status as="div" className="notice notice-error">
          <ul className="import-results">
            {refused.map((r) => (
              <li key={r.name}>
                <span aria-hidden="true">✗ </span>
                <strong>{r.name}</strong>: {t.resultRefused}.{' '}
                {r.outcome.ok ? '' : importProblemText(r.outcome.problem, lang, engine.rulebook)}
              </li>
            ))}
          </ul>
        </Status>
      ) : null}
      {taken.length > 0 ? (
        <details>
          <summary>{t.takenList(taken.length)}</summary>
          <ul>
            {taken.map((r) => (
              <li key={r.name}>
                <span aria-hidden="true">✓ </span>
                <strong>{r.name}</strong>:{' '}
                {r.outcome.ok ? t.resultOk(names.get(r.outcome.processId) ?? r.outcome.processId, r.outcome.replaced) : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function IncludeList() {
  const t = useMessages(regionMessages);
  const { db } = useBaseServices();
  const send = useSend();
  const processes = useProcessList() ?? [];
  const excluded = useLiveQuery(() => excludedFromRegion(db), [db]) ?? [];
  if (processes.length === 0) return null;
  const toggle = (processId: string, include: boolean) =>
    send('setRegionExcluded', { processIds: include ? excluded.filter((id) => id !== processId) : [...excluded, processId] });
  return (
    <details className="card region-include">
      <summary>{t.includeTitle}</summary>
      <p className="hint">{t.includeHint}</p>
      <ul>
        {[...processes]
          .sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'de'))
          .map((p) => (
            <li key={p.processId}>
              <label className="checkbox-line">
                <input type="checkbox" checked={!excluded.includes(p.processId)} onChange={(e) => toggle(p.processId, e.target.checked)} />{' '}
                {p.agencyName} <span className="hint">({p.readOnly ? t.copy : t.own})</span>
              </label>
            </li>
          ))}
      </ul>
    </details>
  );
}
