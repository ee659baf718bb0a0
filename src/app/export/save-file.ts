/**
 * Handing exported files to the user. Small files (JSON, CSV) become a Blob behind an object
 * URL that a download link opens; the URL is revoked once the browser has read it.
 *
 * The ZIP can be hundreds of megabytes, so it is written as it is made: where the browser offers
 * a save dialog with a writable file (showSaveFilePicker, Chromium-based browsers such as Edge,
 * the usual browser in German public offices), straight to disk. Elsewhere its slices are
 * gathered as Blob parts and folded into Blobs every few dozen megabytes, which browsers may
 * keep on disk rather than in the page's memory; the download starts when the archive is done.
 */
import type { ZipSink } from '../../domain/export/zip-writer.ts';
import { downloadBlob } from '../ui/download.ts';

interface WritableFile {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}

type SaveFilePicker = (options: {
  suggestedName: string;
  types: { description: string; accept: Record<string, string[]> }[];
}) => Promise<{ createWritable(): Promise<WritableFile> }>;

export interface ZipTarget {
  sink: ZipSink;
  /** 'disk': written straight to the chosen file; 'download': handed over when finished. */
  kind: 'disk' | 'download';
}

/** Folding parts into one Blob every this many bytes lets the browser move them out of the page. */
const FOLD_BYTES = 32 * 1024 * 1024;

function downloadSink(name: string): ZipSink {
  let parts: BlobPart[] = [];
  let unfolded = 0;
  return {
    write(chunk) {
      parts.push(chunk as Uint8Array<ArrayBuffer>);
      unfolded += chunk.length;
      if (unfolded >= FOLD_BYTES) {
        parts = [new Blob(parts)];
        unfolded = 0;
      }
    },
    close() {
      downloadBlob(new Blob(parts, { type: 'application/zip' }), name);
      parts = [];
    },
    abort() {
      parts = [];
    },
  };
}

/**
 * Asks where to save the ZIP. Must be called straight from the click, before anything is
 * awaited, or the browser refuses the dialog. Null when the user closed the dialog.
 */
export async function chooseZipTarget(name: string, description: string): Promise<ZipTarget | null> {
  const picker = (window as unknown as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  if (typeof picker !== 'function') return { sink: downloadSink(name), kind: 'download' };
  let file: WritableFile;
  try {
    const handle = await picker({ suggestedName: name, types: [{ description, accept: { 'application/zip': ['.zip'] } }] });
    file = await handle.createWritable();
  } catch (error) {
    if ((error as Error).name === 'AbortError') return null;
    // A dialog the browser will not show here (policy, a sandboxed frame): download instead.
    return { sink: downloadSink(name), kind: 'download' };
  }
  return {
    kind: 'disk',
    sink: {
      write: (chunk) => file.write(chunk),
      close: () => file.close(),
      // Discards what was written: the chosen file keeps its old content or is not created.
      abort: (reason) => file.abort(reason),
    },
  };
}
