/**
 * Erasing a file's content in the browser: the demo's ambassador opens the evidence tab, erases
 * the content of a PDF with a reason, and the item then says when, by whom and why, keeps its
 * digest and offers no preview or download any more; a reload shows the same. The evidence tab
 * with an erased item has no accessibility violations.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest, axeViolations, session } from './harness.ts';

const DEMO = 'Jobcenter Neckar-Alb (Demo)';
const WHY = 'Teilnahmeliste enthielt Namen von Kund*innen';

async function openEvidenceTab(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Nachweise' }).click();
  await page.getByRole('heading', { name: 'Alle Nachweise' }).waitFor();
}

describe('erasing an evidence file', () => {
  const app = appUnderTest();

  it('erases the content with a reason, shows the erasure with the digest, and keeps it after a reload', async () => {
    const { page, errors, context } = await session(app.browser);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Beispielprozess laden' }).click();
    await page.getByRole('heading', { level: 1, name: DEMO }).waitFor({ timeout: 60_000 });
    await openEvidenceTab(page);

    // A file with a single version, so no older version's preview is in the item.
    const candidate = page
      .locator('.evidence-item')
      .filter({ hasText: 'Fassungen (1)' })
      .filter({ has: page.locator('summary', { hasText: 'Dateiinhalt löschen' }) })
      .first();
    const fileName = (await candidate.locator('.evidence-meta dd', { hasText: 'Datei:' }).textContent())?.match(/Datei: (\S+)/)?.[1];
    expect(fileName).toMatch(/^\S+\.\w+$/);
    const digest = await candidate.locator('.digest').first().getAttribute('title');
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const item = page.locator('.evidence-item').filter({ hasText: `Datei: ${fileName}` });
    expect(await item.count()).toBe(1);

    await item.locator('summary', { hasText: 'Dateiinhalt löschen' }).click();
    await item.getByText('Im Protokoll bleiben für immer').waitFor();
    const confirm = item.getByRole('button', { name: `Inhalt von „${fileName}“ endgültig löschen` });
    // Without a reason the domain refuses, and the button says why.
    expect(await confirm.getAttribute('aria-disabled')).toBe('true');
    expect(await item.locator('.why-not').textContent()).toContain('Begründung');
    await item.getByLabel('Grund der Löschung').fill(WHY);
    await expect.poll(() => confirm.getAttribute('aria-disabled')).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    await confirm.click();

    await item.getByText(`Inhalt gelöscht am`).waitFor();
    await item.getByText(WHY, { exact: false }).first().waitFor();
    expect(await item.locator('.status-line[data-status]').last().textContent()).toContain('Die Löschung ist im Protokoll vermerkt');
    expect(await item.locator('summary', { hasText: 'Vorschau und Download' }).count()).toBe(0);
    expect(await item.locator('summary', { hasText: 'Dateiinhalt löschen' }).count()).toBe(0);
    expect(await item.locator('.digest').first().getAttribute('title')).toBe(digest);
    expect(await item.locator('h4').textContent()).toContain('Inhalt gelöscht');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: DEMO }).waitFor();
    await page.getByRole('heading', { name: 'Alle Nachweise' }).waitFor();
    const after = page.locator('.evidence-item').filter({ hasText: `Datei: ${fileName}` });
    await after.getByText('Inhalt gelöscht am').waitFor();
    expect(await after.textContent()).toContain('Leyla Aydın');
    expect(await after.locator('summary', { hasText: 'Vorschau und Download' }).count()).toBe(0);
    // The bytes are gone from this device.
    const stored = await page.evaluate(
      (sha) =>
        new Promise<boolean>((resolve, reject) => {
          const open = indexedDB.open('ankerpunkt');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('files').objectStore('files').get(sha);
            get.onsuccess = () => resolve(get.result !== undefined);
            get.onerror = () => reject(get.error);
          };
        }),
      digest as string,
    );
    expect(stored).toBe(false);

    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
