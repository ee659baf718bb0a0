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

export const STORAGE_MESSAGES: Record<StorageProblem['code'], { de: string; en: string }> = {
  quota: {
    de: 'Der Speicher dieses Geräts ist voll. Es wurde nichts gespeichert und nichts geht verloren. Bitte Speicher freigeben (z. B. eine Sicherung exportieren und große Nachweise entfernen) und erneut versuchen.',
    en: "This device's storage is full. Nothing was saved and nothing is lost. Please free some space (for example export a backup and remove large evidence files) and try again.",
  },
  closed: {
    de: 'Ankerpunkt wurde in einem anderen Tab aktualisiert. Bitte diese Seite neu laden; es wurde nichts gespeichert.',
    en: 'Ankerpunkt was updated in another tab. Please reload this page; nothing was saved.',
  },
  corrupt: {
    de: 'Die gespeicherten Daten dieses Prozesses sind beschädigt. Es wurde nichts gespeichert und nichts gelöscht. Bitte eine Sicherung wiederherstellen oder den Prüfpfad prüfen lassen.',
    en: "This process's stored data is damaged. Nothing was saved and nothing was deleted. Please restore a backup or have the audit trail checked.",
  },
  concurrent: {
    de: 'Ein anderer Tab hat gleichzeitig gespeichert. Bitte den Schritt erneut ausführen; es wurde nichts doppelt gespeichert.',
    en: 'Another tab saved at the same time. Please repeat the step; nothing was saved twice.',
  },
  readOnly: {
    de: 'Dieser Prozess ist eine Kopie nur zum Lesen. Änderungen sind nur im Original möglich; es wurde nichts gespeichert.',
    en: 'This process is a read-only copy. Changes can only be made in the original; nothing was saved.',
  },
  failed: {
    de: 'Speichern ist fehlgeschlagen. Es wurde nichts geändert.',
    en: 'Saving failed. Nothing was changed.',
  },
};

/** Thrown inside an append transaction when another tab appended first; the caller retries. */
export class ConcurrentAppendError extends Error {
  override name = 'ConcurrentAppendError';
}
