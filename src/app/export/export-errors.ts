/** What went wrong in an export, in words; never a stack trace. */
import { ZipSourceError, ZipTooLargeError } from '../../domain/export/zip-writer.ts';
import type { ExportMessages } from './messages.ts';

function names(error: unknown): string[] {
  const out: string[] = [];
  for (let e = error as { name?: string; inner?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (e.name) out.push(e.name);
    e = (e.inner ?? e.cause) as typeof e;
  }
  return out;
}

export function isCancel(error: unknown): boolean {
  return names(error)[0] === 'AbortError';
}

export function exportErrorMessage(error: unknown, t: ExportMessages): string {
  const all = names(error);
  if (all.includes('QuotaExceededError')) return t.errors.quota;
  if (error instanceof ZipTooLargeError) return t.errors.tooLarge;
  if (error instanceof ZipSourceError) return t.errors.unreadable(error.entry.replace(/^evidence\//, '').slice(0, 12));
  if (all.includes('LogChangedError')) return t.errors.changed;
  return t.errors.failed(error instanceof Error ? error.message : String(error));
}
