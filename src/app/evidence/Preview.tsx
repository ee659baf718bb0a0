/**
 * Preview and download of a stored evidence file. The file is hostile until proven otherwise:
 * only raster images (as <img>) and PDF (in an iframe with an empty sandbox: no scripts, no
 * same-origin) are shown, and only when the first bytes and the declared type agree (see
 * preview-kind.ts). Everything else can only be downloaded, re-typed as
 * application/octet-stream so the browser never renders it. Object URLs live exactly as long
 * as this component.
 */
import { useEffect, useRef, useState } from 'react';
import type { EvidenceContent } from '../../../machines/process/process.events.ts';
import { storedFile } from '../../db/reads.ts';
import { hashBlob } from '../../domain/crypto/hash-file.ts';
import { useServices } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { evidenceMessages } from './messages.ts';
import { essenceOf, type PreviewKind, previewKindOf, SNIFF_BYTES, safeDownloadName } from './preview-kind.ts';

type FileContent = Extract<EvidenceContent, { type: 'file' }>;

type Loaded =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'ready'; blob: Blob; kind: PreviewKind; viewUrl: string | null; downloadUrl: string };

function useStoredFile(content: FileContent): Loaded {
  const { db } = useServices();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const { sha256, mediaType } = content;
  useEffect(() => {
    let alive = true;
    const urls: string[] = [];
    const urlOf = (blob: Blob) => {
      const url = URL.createObjectURL(blob);
      urls.push(url);
      return url;
    };
    setLoaded({ status: 'loading' });
    (async () => {
      const stored = await storedFile(db, sha256);
      if (!alive) return;
      if (!stored || !(stored.blob instanceof Blob)) {
        setLoaded({ status: 'missing' });
        return;
      }
      const head = new Uint8Array(await stored.blob.slice(0, SNIFF_BYTES).arrayBuffer());
      if (!alive) return;
      // The type in the log and the type stored with the bytes must both agree with the bytes.
      const sniffed = previewKindOf(head, mediaType);
      const kind: PreviewKind = sniffed.show !== 'none' && essenceOf(stored.mediaType) === sniffed.mediaType ? sniffed : { show: 'none' };
      const viewUrl = kind.show === 'none' ? null : urlOf(new Blob([stored.blob], { type: kind.mediaType }));
      const downloadUrl = urlOf(new Blob([stored.blob], { type: 'application/octet-stream' }));
      setLoaded({ status: 'ready', blob: stored.blob, kind, viewUrl, downloadUrl });
    })().catch((error) => {
      console.warn('evidence file could not be loaded', error);
      if (alive) setLoaded({ status: 'missing' });
    });
    return () => {
      alive = false;
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [db, sha256, mediaType]);
  return loaded;
}

/** Re-hashes the stored bytes: shows that the file on this device is the one the log names. */
function VerifyDigest({ blob, sha256 }: { blob: Blob; sha256: string }) {
  const t = useMessages(evidenceMessages);
  const [state, setState] = useState<{ status: 'idle' } | { status: 'busy'; percent: number } | { status: 'done'; ok: boolean }>({
    status: 'idle',
  });
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);
  const check = async () => {
    if (running.current) return;
    const controller = new AbortController();
    running.current = controller;
    setState({ status: 'busy', percent: 0 });
    try {
      const hex = await hashBlob(
        blob,
        (done, total) => setState({ status: 'busy', percent: total ? Math.floor((done / total) * 100) : 100 }),
        controller.signal,
      );
      setState({ status: 'done', ok: hex === sha256 });
    } catch {
      // aborted: the preview was closed
    } finally {
      running.current = null;
    }
  };
  return (
    <div className="verify-digest">
      <button type="button" onClick={check} aria-disabled={state.status === 'busy' || undefined}>
        {t.verify}
      </button>
      <Status className={state.status === 'done' && !state.ok ? 'field-error' : undefined}>
        {state.status === 'busy' ? `${t.verifying} ${t.percent(state.percent)}` : null}
        {state.status === 'done' ? (
          <>
            <span aria-hidden="true">{state.ok ? '✓ ' : '⚠ '}</span>
            {state.ok ? t.verifyOk : t.verifyBad}
          </>
        ) : null}
      </Status>
    </div>
  );
}

export function FilePreview({ content }: { content: FileContent }) {
  const t = useMessages(evidenceMessages);
  const loaded = useStoredFile(content);
  if (loaded.status === 'loading') return <p>{t.previewLoading}</p>;
  if (loaded.status === 'missing') return <p className="notice notice-warning">{t.previewMissing}</p>;
  const { kind, viewUrl, downloadUrl } = loaded;
  return (
    <div className="preview">
      {kind.show === 'image' && viewUrl ? <img src={viewUrl} alt={t.previewImage(content.name)} className="preview-image" /> : null}
      {kind.show === 'pdf' && viewUrl ? (
        <iframe sandbox="" src={viewUrl} title={t.previewPdf(content.name)} className="preview-pdf" />
      ) : null}
      {kind.show === 'none' ? <p className="notice notice-info">{t.previewNone}</p> : null}
      <p>
        <a href={downloadUrl} download={safeDownloadName(content.name)} className="download-link">
          <span aria-hidden="true">⬇ </span>
          {t.download(content.name)}
        </a>
      </p>
      <VerifyDigest blob={loaded.blob} sha256={content.sha256} />
    </div>
  );
}
