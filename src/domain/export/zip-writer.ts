/**
 * Writes a ZIP archive as a stream, one entry after another, through fflate's streaming `Zip`.
 * Only one entry is open at a time and output goes to the sink in slices of about a megabyte,
 * each awaited before more is read, so an archive of hundreds of megabytes of evidence never has
 * to fit into memory: what is held at once is one input chunk and one output slice.
 *
 * Entries already compressed (PDF, Office files, images: most evidence) are stored as they are
 * (ZipPassThrough): deflating them again costs seconds of CPU for nothing and keeps the bytes of
 * the archive identical to the bytes whose digest the log records. Text-like entries (the
 * bundle's JSON, notes, CSV) are deflated (ZipDeflate), where it pays several times over.
 *
 * fflate writes classic ZIP, not ZIP64, so entries and the archive stay under 4 GiB; larger
 * exports are refused up front with a clear reason instead of producing a broken archive.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** Where the archive's bytes go: a file on disk, a browser file handle, memory. */
export interface ZipSink {
  write(chunk: Uint8Array): Promise<void> | void;
  close(): Promise<void> | void;
  /** Called instead of close when writing stops early (cancelled, a source failed). */
  abort?(reason: unknown): Promise<void> | void;
}

export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export interface ZipEntrySource {
  /** Path inside the archive, with forward slashes. */
  name: string;
  /** Bytes the entry will have, for progress and the size check. */
  size: number;
  /** Deflate this entry (text-like content); otherwise it is stored as it is. */
  compress: boolean;
  /** Opens the content when the entry is written, so only one source is open at a time. */
  open: () => ByteSource | Promise<ByteSource>;
}

export interface ZipProgress {
  entriesDone: number;
  entriesTotal: number;
  /** Source bytes read so far, and all source bytes: the basis of the progress bar. */
  bytesDone: number;
  bytesTotal: number;
}

export interface ZipWriteOptions {
  onProgress?: (progress: ZipProgress) => void;
  signal?: AbortSignal;
  /** The time stamped on every entry; the export time keeps archives reproducible per export. */
  modified?: Date;
  /** Output slice size; larger slices mean fewer, cheaper writes to a file handle. */
  sliceBytes?: number;
}

export interface ZipWriteResult {
  entries: number;
  /** Bytes of the archive written to the sink. */
  bytesWritten: number;
}

/** Classic ZIP's 32-bit sizes and offsets, less room for headers and the central directory. */
export const ZIP_MAX_BYTES = 0xffff_ffff - 64 * 1024 * 1024;

export class ZipTooLargeError extends Error {
  override name = 'ZipTooLargeError';
  constructor(readonly bytes: number) {
    super(`a ZIP archive of ${bytes} bytes exceeds the ${ZIP_MAX_BYTES} bytes classic ZIP allows`);
  }
}

/** A source that failed while it was read, naming the entry. */
export class ZipSourceError extends Error {
  override name = 'ZipSourceError';
  constructor(
    readonly entry: string,
    override readonly cause: unknown,
  ) {
    super(`${entry}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The export was cancelled.', 'AbortError');
}

async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (typeof (source as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    try {
      while (true) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      // Stops reading a file left early (cancel, error) instead of leaving it locked.
      await reader.cancel().catch(() => {});
    }
  }
  yield* source as AsyncIterable<Uint8Array>;
}

/**
 * Collects the archive's output into fixed-size slices and hands each full slice to the sink,
 * awaited. Output is copied once into the slice: fflate passes stored entries' input chunks
 * straight through, and a source may reuse its buffer once the chunk has been pushed.
 */
class SlicedOutput {
  private readonly full: Uint8Array[] = [];
  private slice: Uint8Array | null = null;
  private fill = 0;
  bytesWritten = 0;
  error: unknown = null;
  finished = false;

  constructor(
    private readonly sink: ZipSink,
    private readonly sliceBytes: number,
  ) {}

  /** fflate's ondata: called synchronously while data is pushed. */
  readonly receive = (error: Error | null, chunk: Uint8Array, final: boolean) => {
    if (error) {
      this.error = error;
      return;
    }
    let offset = 0;
    while (offset < chunk.length) {
      this.slice ??= new Uint8Array(this.sliceBytes);
      const n = Math.min(chunk.length - offset, this.sliceBytes - this.fill);
      this.slice.set(chunk.subarray(offset, offset + n), this.fill);
      this.fill += n;
      offset += n;
      if (this.fill === this.sliceBytes) {
        this.full.push(this.slice);
        this.slice = null;
        this.fill = 0;
      }
    }
    if (final) this.finished = true;
  };

  /** Writes the full slices; with `rest`, also the partly filled last one. */
  async flush(rest = false): Promise<void> {
    if (this.error) throw this.error;
    while (this.full.length > 0) await this.write(this.full.shift() as Uint8Array);
    if (rest && this.slice && this.fill > 0) {
      const last = this.slice.subarray(0, this.fill);
      this.slice = null;
      this.fill = 0;
      await this.write(last);
    }
  }

  private async write(bytes: Uint8Array): Promise<void> {
    await this.sink.write(bytes);
    this.bytesWritten += bytes.length;
  }
}

/**
 * Writes `entries` in order into one archive on `sink`. On success the sink is closed; on any
 * failure or cancellation it is aborted (a half-written file is not left looking complete) and
 * the error is thrown: a ZipSourceError names the entry whose source failed.
 */
export async function writeZip(entries: readonly ZipEntrySource[], sink: ZipSink, options: ZipWriteOptions = {}): Promise<ZipWriteResult> {
  const { signal, onProgress } = options;
  const bytesTotal = entries.reduce((sum, e) => sum + e.size, 0);
  if (bytesTotal > ZIP_MAX_BYTES) throw new ZipTooLargeError(bytesTotal);
  const output = new SlicedOutput(sink, options.sliceBytes ?? 1024 * 1024);
  const zip = new Zip(output.receive);
  const modified = options.modified ?? new Date();
  const progress: ZipProgress = { entriesDone: 0, entriesTotal: entries.length, bytesDone: 0, bytesTotal };
  onProgress?.({ ...progress });
  try {
    for (const entry of entries) {
      if (signal?.aborted) throw abortError(signal);
      const file = entry.compress ? new ZipDeflate(entry.name, { level: 6 }) : new ZipPassThrough(entry.name);
      file.mtime = modified;
      zip.add(file);
      try {
        for await (const chunk of chunksOf(await entry.open())) {
          if (signal?.aborted) throw abortError(signal);
          file.push(chunk);
          progress.bytesDone += chunk.length;
          await output.flush();
          onProgress?.({ ...progress });
        }
      } catch (error) {
        if (signal?.aborted || error === output.error) throw error;
        throw new ZipSourceError(entry.name, error);
      }
      file.push(new Uint8Array(0), true);
      progress.entriesDone++;
      await output.flush();
      onProgress?.({ ...progress });
    }
    zip.end();
    await output.flush(true);
    if (!output.finished) throw new Error('the ZIP archive did not end');
    await sink.close();
  } catch (error) {
    zip.terminate();
    await Promise.resolve(sink.abort?.(error)).catch(() => {});
    throw error;
  }
  return { entries: entries.length, bytesWritten: output.bytesWritten };
}
