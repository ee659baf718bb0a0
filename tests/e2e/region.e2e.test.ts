import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRegionBundles } from '../../scripts/make-region-bundles.ts';
import { appUnderTest, axeViolations, onScreen, session } from './harness.ts';

describe('the regional overview', () => {
  const app = appUnderTest();
  let paths: string[];
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ankerpunkt-region-'));
    const files = await makeRegionBundles(50);
    paths = [];
    for (const [name, text] of files) {
      const path = join(dir, name);
      await writeFile(path, text);
      paths.push(path);
    }
  });

  it('takes 50 bundles at once, names the two bad ones, and shows table, heatmap, trend and support', async () => {
    const { page, errors, context } = await session(app.browser);
    await page.goto(app.url);
    await page.getByRole('link', { name: 'Übersicht Region' }).click();
    await page.getByRole('heading', { level: 1, name: 'Übersicht Region' }).waitFor();
    await page.getByLabel('Prüfpakete wählen (JSON oder ZIP, auch viele auf einmal)').setInputFiles(paths);
    await onScreen(page).getByText('50 von 52 Dateien übernommen.').waitFor({ timeout: 90_000 });
    const results = page.locator('.import-results');
    await results
      .locator('li', { hasText: 'zz-verfaelscht.json' })
      .getByText(/Ereignis 2 .*Hash stimmt nicht/)
      .waitFor();
    await results
      .locator('li', { hasText: 'zz-formatversion-99.json' })
      .getByText(/Formatversion 99/)
      .waitFor();

    await onScreen(page).getByText('50 von 50 Dienststellen').first().waitFor();
    const table = page.locator('.region-table');
    expect(await table.locator('tbody tr').count()).toBe(50);
    // Filters: type, then a name search; reset brings all back.
    await page.getByLabel('Art', { exact: true }).selectOption('JC');
    await onScreen(page).getByText('25 von 50 Dienststellen').first().waitFor();
    await page.getByLabel('Suche nach Name').fill('tubingen');
    expect(await table.locator('tbody tr').count()).toBe(1);
    await table.getByRole('rowheader', { name: /Jobcenter Tübingen/ }).waitFor();
    await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
    await onScreen(page).getByText('50 von 50 Dienststellen').first().waitFor();

    // Sorting by days in the stage, by keyboard: the longest first on the second press.
    const sort = page.getByRole('button', { name: /^Tage in der Phase: Nach Tage in der Phase sortieren/ });
    await sort.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    expect(await page.locator('th[aria-sort="descending"]').count()).toBe(1);
    const days = await table.locator('tbody tr td:nth-of-type(2)').allInnerTexts();
    const numbers = days.map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));

    // The heatmap has a number (or "–") in each of its 50 × 12 cells; the support list names reasons.
    const cells = await page.locator('.heatmap td.level').allInnerTexts();
    expect(cells).toHaveLength(600);
    expect(cells.every((c) => /^[0-5–]$/.test(c))).toBe(true);
    await page
      .locator('.support-list')
      .getByText(/ohne gültigen Nachweis|überfällig|üblich/)
      .first()
      .waitFor();
    await page.getByRole('table', { name: /Median und Spannweite je Zyklus/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Reflow: at 320 CSS px the page itself does not scroll sideways; wide tables scroll in their box.
    await page.setViewportSize({ width: 320, height: 800 });
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > 321 && !e.parentElement?.closest('.region-scroll, .report-table-box'))
        .slice(0, 8)
        .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });

    // The Regionalbericht: every agency with its event count and head hash.
    await page.getByRole('link', { name: 'Regionalbericht (Druckansicht)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Übersicht Region' }).waitFor();
    await page.getByRole('heading', { name: 'Nachprüfbarkeit' }).waitFor();
    expect(await page.locator('.region-report .report-digest').count()).toBe(50);
    await page.emulateMedia({ media: 'print' });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
