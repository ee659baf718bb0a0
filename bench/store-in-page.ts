/**
 * Writes a log straight into the app's IndexedDB in a page, as an import would leave it: the
 * shortcut the 10,000-event timeline needs in the e2e test and in bench/timeline.ts alike.
 */
import type { Page } from 'playwright-core';
import type { LoggedEvent } from '../src/domain/chain.ts';

export async function storeLogInPage(page: Page, processId: string, events: readonly LoggedEvent[]): Promise<void> {
  await page.evaluate(
    async ({ id, json }) => {
      const rows = JSON.parse(json) as { seq: number; hash: string }[];
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('ankerpunkt');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['events', 'heads'], 'readwrite');
        for (const row of rows) tx.objectStore('events').put({ ...row, processId: id });
        const last = rows[rows.length - 1] as { seq: number; hash: string };
        tx.objectStore('heads').put({ processId: id, seq: last.seq, hash: last.hash });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { id: processId, json: JSON.stringify(events) },
  );
}
