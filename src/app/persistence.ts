/**
 * Asks the browser once, when the first process is stored, to keep this site's data even when
 * space runs low. Browsers decide silently (installed apps and frequently used sites are
 * granted); Settings shows the result and can ask again.
 */
export function requestPersistentStorage(): void {
  navigator.storage?.persisted?.().then((granted) => {
    if (!granted) navigator.storage.persist?.().catch(() => {});
  });
}
