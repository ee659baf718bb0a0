/**
 * Failed writes as values the UI can show. IndexedDB reports a full disk as QuotaExceededError,
 * sometimes wrapped as the `inner` error of Dexie's AbortError; a database upgraded by a newer
 * tab closes ours. Whatever happened, the transaction was rolled back: nothing was changed.
 */
export type StorageProblem =
  | { code: 'quota' }
  | { code: 'closed' }
  | { code: 'concurrent' }
  | { code: 'readOnly' }
  | { code: 'corrupt'; detail: string }
  | { code: 'failed'; detail: string };

function names(error: unknown): string[] {
  const out: string[] = [];
  for (let e = error as { name?: string; inner?: unknown } | undefined, i = 0; e && i < 5; e = e.inner as typeof e, i++) {
    if (e.name) out.push(e.name);
  }
  return out;
}

export function storageProblem(error: unknown): StorageProblem {
  const all = names(error);
  if (all.includes('QuotaExceededError')) return { code: 'quota' };
  if (all.some((n) => n === 'DatabaseClosedError' || n === 'VersionChangeError')) return { code: 'closed' };
  // Another tab's event took this sequence number first.
  if (all.includes('ConcurrentAppendError') || all.includes('ConstraintError')) return { code: 'concurrent' };
  return { code: 'failed', detail: error instanceof Error ? error.message : String(error) };
}

/** Thrown inside an append transaction when another tab appended first; the caller retries. */
export class ConcurrentAppendError extends Error {
  override name = 'ConcurrentAppendError';
}
