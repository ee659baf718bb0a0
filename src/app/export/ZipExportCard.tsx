/**
 * The audit bundle with its evidence files as a ZIP, streamed: the save dialog first (it must
 * follow the click directly), then the bundle, then each file from this device's storage, with a
 * progress bar and a cancel button. See src/domain/export/audit-zip.ts for the layout.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { erasedDigests } from '../../../machines/process/process.queries.ts';
import { storedFile, storedFileCounts } from '../../db/reads.ts';
import { evidenceIndexOf } from '../../domain/bundle.ts';
import { type EvidenceLookup, writeAuditZip } from '../../domain/export/audit-zip.ts';
import { exportFileName } from '../../domain/export/file-names.ts';
import type { ZipProgress } from '../../domain/export/zip-writer.ts';
import { useServices } from '../data.tsx';
import { formatBytes, useLang, useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { ExportButton, ExportCard, ExportOutcome, useExportRun } from './ExportCard.tsx';
import { exportBundle } from './log-export.ts';
import { exportMessages } from './messages.ts';
import { chooseZipTarget } from './save-file.ts';
import type { HeadSigner } from './use-head-signer.ts';

/** How often the progress bar is redrawn at most: often enough to move, rarely enough to be cheap. */
const PROGRESS_EVERY_MS = 100;

/**
 * The evidence files the ZIP should hold, and how many of them this device has. Contents erased
 * on purpose (an erasure in the log) are counted apart: their absence is expected, not a gap.
 */
function useEvidenceOnDevice(snapshot: ProcessSnapshot) {
  const { db } = useServices();
  const erased = erasedDigests(snapshot.context);
  const digests = [
    ...new Set(
      evidenceIndexOf(snapshot.context)
        .filter((e) => e.contentType === 'file')
        .map((e) => e.sha256),
    ),
  ];
  const expected = digests.filter((digest) => !erased.has(digest));
  const erasedCount = digests.length - expected.length;
  const key = expected.join(',');
  const counts = useLiveQuery(() => storedFileCounts(db, key ? key.split(',') : []), [db, key]);
  return { counts, erased, erasedCount };
}

export function ZipExportCard({ processId, snapshot, signer }: { processId: string; snapshot: ProcessSnapshot; signer: HeadSigner }) {
  const t = useMessages(exportMessages);
  const { lang } = useLang();
  const { db, engine, now } = useServices();
  const { counts: onDevice, erased, erasedCount } = useEvidenceOnDevice(snapshot);
  const { busy, done, error, run } = useExportRun();
  const [progress, setProgress] = useState<ZipProgress | null>(null);
  const [missing, setMissing] = useState(0);
  const controller = useRef<AbortController | null>(null);

  const lookup: EvidenceLookup = async (digest) => {
    const file = await storedFile(db, digest);
    return file ? { size: file.blob.size, mediaType: file.mediaType, open: () => file.blob.stream() } : null;
  };

  const start = () =>
    run(async () => {
      if (signer.status !== 'ready') return null;
      const at = now();
      const name = exportFileName('bundleZip', snapshot.context.agency?.name ?? '', at);
      const target = await chooseZipTarget(name, t.zipTitle);
      if (!target) return null;
      const abort = new AbortController();
      controller.current = abort;
      setMissing(0);
      setProgress(null);
      let drawn = 0;
      try {
        const { bundle, bytes } = await exportBundle({ db, engine, processId, signer: signer.signer, exportedAt: at }).catch(
          async (e: unknown) => {
            await target.sink.abort?.(e);
            throw e;
          },
        );
        const { plan, result } = await writeAuditZip({
          bundle,
          bundleBytes: bytes,
          lookup,
          erased,
          sink: target.sink,
          // Erased contents are missing by design; the card already says so.
          onPlan: (planned) => setMissing(planned.missing.filter((digest) => !erased.has(digest)).length),
          options: {
            signal: abort.signal,
            modified: at,
            onProgress: (p) => {
              const time = performance.now();
              if (time - drawn < PROGRESS_EVERY_MS && p.bytesDone < p.bytesTotal) return;
              drawn = time;
              setProgress(p);
            },
          },
        });
        return t.zipDone(name, plan.included.length, formatBytes(result.bytesWritten, lang));
      } finally {
        controller.current = null;
      }
    });

  const percent = progress && progress.bytesTotal > 0 ? Math.floor((progress.bytesDone / progress.bytesTotal) * 100) : 0;
  return (
    <ExportCard
      title={t.zipTitle}
      text={
        <>
          <p>{t.zipText}</p>
          {onDevice ? (
            <p>
              {onDevice.total > 0 || erasedCount === 0
                ? t.zipFiles(onDevice.present, onDevice.total, formatBytes(onDevice.bytes, lang))
                : ''}
              {onDevice.total > 0 && erasedCount > 0 ? ' ' : ''}
              {erasedCount > 0 ? t.zipErased(erasedCount) : ''}
            </p>
          ) : null}
          <p className="field-hint">{t.zipSaveHint}</p>
        </>
      }
    >
      <ExportButton label={t.zipButton} blockedBecause={signer.status === 'ready' ? null : t.needsSigner} busy={busy} onClick={start} />
      {busy ? (
        <div className="zip-progress">
          <label htmlFor="zip-progress-bar">{t.zipProgress}</label>
          <div className="zip-progress-row">
            <progress id="zip-progress-bar" max={100} value={percent} aria-valuetext={`${percent} %`} />
            <span>
              {progress
                ? t.zipProgressText(percent, formatBytes(progress.bytesDone, lang), formatBytes(progress.bytesTotal, lang))
                : t.zipPreparing}
            </span>
            <button type="button" onClick={() => controller.current?.abort()}>
              {t.cancel}
            </button>
          </div>
        </div>
      ) : null}
      <ExportOutcome done={done} error={error} />
      {!busy && done && missing > 0 ? <Status className="notice notice-warning">{t.zipMissing(missing)}</Status> : null}
    </ExportCard>
  );
}
