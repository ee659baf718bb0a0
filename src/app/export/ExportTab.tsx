/**
 * The export tab: the audit bundle as JSON and as a ZIP with its evidence files (both signed by
 * the person using this device), the log as a CSV table, and the way to the printable report.
 */
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { consistentLog } from '../../db/process-reads.ts';
import { CSV_MEDIA_TYPE, eventsCsv } from '../../domain/export/csv.ts';
import { exportFileName } from '../../domain/export/file-names.ts';
import { useServices } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { downloadBlob } from '../ui/download.ts';
import { ExportButton, ExportCard, ExportOutcome, useExportRun } from './ExportCard.tsx';
import { exportBundle } from './log-export.ts';
import { exportMessages } from './messages.ts';
import { SignerCard } from './SignerCard.tsx';
import { type HeadSigner, useHeadSigner } from './use-head-signer.ts';
import { ZipExportCard } from './ZipExportCard.tsx';
import './export.css';

function JsonExportCard({ processId, snapshot, signer }: { processId: string; snapshot: ProcessSnapshot; signer: HeadSigner }) {
  const t = useMessages(exportMessages);
  const { db, engine, now } = useServices();
  const { busy, done, error, run } = useExportRun();
  const start = () =>
    run(async () => {
      if (signer.status !== 'ready') return null;
      const at = now();
      const { bundle, bytes } = await exportBundle({ db, engine, processId, signer: signer.signer, exportedAt: at });
      const name = exportFileName('bundle', snapshot.context.agency?.name ?? '', at);
      downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/json' }), name);
      return t.jsonDone(name, bundle.events.length);
    });
  return (
    <ExportCard title={t.jsonTitle} text={t.jsonText}>
      <ExportButton label={t.jsonButton} blockedBecause={signer.status === 'ready' ? null : t.needsSigner} busy={busy} onClick={start} />
      <ExportOutcome done={done} error={error} />
    </ExportCard>
  );
}

function CsvExportCard({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const t = useMessages(exportMessages);
  const { lang } = useLang();
  const { db, engine, now } = useServices();
  const { busy, done, error, run } = useExportRun();
  const start = () =>
    run(async () => {
      const log = await consistentLog(db, engine, processId);
      const csv = eventsCsv({ ...log, rulebook: engine.rulebook, lang });
      const name = exportFileName('csv', snapshot.context.agency?.name ?? '', now());
      downloadBlob(new Blob([csv], { type: CSV_MEDIA_TYPE }), name);
      return t.csvDone(name, log.events.length);
    });
  return (
    <ExportCard title={t.csvTitle} text={t.csvText}>
      <ExportButton label={t.csvButton} blockedBecause={null} busy={busy} onClick={start} />
      <ExportOutcome done={done} error={error} />
    </ExportCard>
  );
}

export function ExportTab({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const t = useMessages(exportMessages);
  const signer = useHeadSigner(snapshot);
  return (
    <section className="export-tab" aria-labelledby="export-title">
      <h2 id="export-title">{t.title}</h2>
      <p>{t.intro}</p>
      <SignerCard state={signer} />
      <div className="export-cards">
        <JsonExportCard processId={processId} snapshot={snapshot} signer={signer} />
        <ZipExportCard processId={processId} snapshot={snapshot} signer={signer} />
        <CsvExportCard processId={processId} snapshot={snapshot} />
        <ExportCard title={t.reportTitle} text={t.reportText}>
          <p>
            <Link to={{ screen: 'process', processId, tab: 'report' }} className="report-link">
              {t.reportLink}
            </Link>
          </p>
          <p className="field-hint">{t.reportHint}</p>
        </ExportCard>
      </div>
    </section>
  );
}
