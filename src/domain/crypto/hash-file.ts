/**
 * SHA-256 of an evidence file, in slices. Evidence is stored by this digest, so it has to be
 * computed over the whole file before anything is written. WebCrypto only hashes a buffer in one
 * go, which would hold a 50 MB file twice in memory and freeze the page without a word of
 * progress; hashing 4 MB at a time with @noble/hashes keeps memory flat, lets the page repaint
 * between slices, shows progress and can be cancelled.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from './encoding.ts';

/** The largest evidence file accepted, checked before hashing. */
export const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;

const SLICE_BYTES = 4 * 1024 * 1024;

export type HashProgress = (done: number, total: number) => void;

/** Lets the event loop run (rendering, input, an abort) before the next slice. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Hashing was aborted', 'AbortError');
}

/**
 * The lower-case hex SHA-256 of `blob`. Reports progress after each slice (ending with
 * `total, total`); rejects with the signal's reason (an AbortError by default) once aborted.
 */
export async function hashBlob(blob: Blob, onProgress?: HashProgress, signal?: AbortSignal): Promise<string> {
  const hash = sha256.create();
  const total = blob.size;
  let done = 0;
  onProgress?.(0, total);
  while (done < total) {
    if (signal?.aborted) throw abortError(signal);
    const end = Math.min(done + SLICE_BYTES, total);
    const chunk = new Uint8Array(await blob.slice(done, end).arrayBuffer());
    hash.update(chunk);
    done = end;
    onProgress?.(done, total);
    await yieldToEventLoop();
  }
  if (signal?.aborted) throw abortError(signal);
  return toHex(hash.digest());
}
