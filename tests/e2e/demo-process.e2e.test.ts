import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest, axeViolations, onScreen, session } from './harness.ts';

const DEMO = 'Jobcenter Neckar-Alb (Demo)';

async function loadDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Beispielprozess laden' }).click();
  await page.getByRole('heading', { level: 1, name: DEMO }).waitFor({ timeout: 60_000 });
}

describe('the demo process', () => {
  const app = appUnderTest();

  it('opens in one click and shows the stage, the cycle and why the stage cannot be left yet', async () => {
    const { page, errors, context } = await session(app.browser);
    await loadDemo(page, app.url);
    await onScreen(page).getByText('Zyklus 3').waitFor();
    const current = page.locator('.stepper [aria-current="step"]');
    expect(await current.textContent()).toContain('Umsetzung');
    const advance = page.getByRole('button', { name: 'Phase abschließen und weiter zu „Verankerung“' });
    expect(await advance.getAttribute('aria-disabled')).toBe('true');
    const why = await advance.getAttribute('aria-describedby');
    const reasons = await page.locator(`[id="${why}"]`).textContent();
    expect(reasons).toContain('Überfällige Maßnahmen erledigen oder mit Begründung neu planen');
    expect(reasons).toContain('Es fehlt für Umsetzung: Protokoll (0 von 1).');
    // Clicking a refused action changes nothing (force: Playwright will not click aria-disabled).
    await advance.click({ force: true });
    expect(await current.textContent()).toContain('Umsetzung');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no accessibility violations on the overview, the standards and the settings', async () => {
    const { page, context } = await session(app.browser);
    await loadDemo(page, app.url);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Standards' }).click();
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Einstellungen' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('keeps everything after a reload, and after a reload with the network off', async () => {
    const { page, context } = await session(app.browser, { serviceWorkers: 'allow' });
    await loadDemo(page, app.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: DEMO }).waitFor();
    // Once the service worker controls the page, everything comes from its cache.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: DEMO }).waitFor();
    await page.getByRole('link', { name: 'Prozesse' }).click();
    await page.getByRole('link', { name: `${DEMO} öffnen` }).waitFor();
    await context.setOffline(false);
    await context.close();
  });

  it('can be reached and worked by keyboard alone', async () => {
    const { page, context } = await session(app.browser);
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Neuen Prozess anlegen' }).waitFor();
    // Tab to the demo button and press Enter, without the mouse.
    const focused = () => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent}`);
    for (let i = 0; i < 40 && (await focused()) !== 'BUTTON Beispielprozess laden'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('BUTTON Beispielprozess laden');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: DEMO }).waitFor({ timeout: 60_000 });
    // Opening the process moves focus to its content, as a page load would.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // On a fresh page load the skip link is the first stop and moves focus to the content.
    await page.goto(`${app.url}?fresh#/p/jc-neckar-alb`);
    await page.getByRole('heading', { level: 1, name: DEMO }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Zum Inhalt springen');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // A focused refused action announces why.
    for (let i = 0; i < 60 && !(await focused()).startsWith('BUTTON Phase abschließen'); i++) await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^BUTTON Phase abschließen/);
    // The description is the refusal's reasons in words, not an empty or dangling reference.
    const description = await page.evaluate(() => {
      const ids = document.activeElement?.getAttribute('aria-describedby')?.split(' ') ?? [];
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    });
    expect(description).toMatch(/[a-zäöüß]{4,} [a-zäöüß]{3,}/i);
    await context.close();
  });
});
