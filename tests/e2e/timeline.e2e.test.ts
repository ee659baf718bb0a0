import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { storeLogInPage } from '../../bench/store-in-page.ts';
import { syntheticLog } from '../../bench/synthetic-log.ts';
import { sha256 } from '../support/demo.ts';
import { appUnderTest, axeViolations, onScreen, session } from './harness.ts';

const DEMO = 'Jobcenter Neckar-Alb (Demo)';

async function openDemoTimeline(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Beispielprozess laden' }).click();
  await page.getByRole('heading', { level: 1, name: DEMO }).waitFor({ timeout: 60_000 });
  await page.getByRole('link', { name: 'Verlauf' }).click();
  await page.getByRole('heading', { level: 2, name: 'Verlauf' }).waitFor();
}

const list = (page: Page) => page.getByRole('region', { name: /^Ereignisse, (neueste|älteste) zuerst$/ });
const items = (page: Page) => list(page).getByRole('listitem');
const count = (page: Page) => page.locator('.timeline-count');
/** The evidence that has focus: its title (without the version badge) and whether it is on screen. */
const focusedEvidence = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || !el.matches('article[data-evidence-id]')) return null;
    const heading = document.getElementById(el.getAttribute('aria-labelledby') ?? '');
    const title = heading?.firstChild?.textContent?.trim() ?? '';
    const r = el.getBoundingClientRect();
    return { title, inView: r.top >= 0 && r.top < window.innerHeight };
  });
/** The place (aria-posinset) of the last entry entirely inside the scroll box: what the eye sees last. */
const lastFullyInView = (page: Page) =>
  list(page).evaluate((el) => {
    const box = el.getBoundingClientRect();
    const seen = [...el.querySelectorAll('li')].filter((li) => {
      const r = li.getBoundingClientRect();
      return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    });
    return seen.at(-1)?.getAttribute('aria-posinset') ?? null;
  });
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const label = el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : el?.getAttribute('aria-label');
    return `${el?.tagName} ${label ?? el?.textContent ?? ''}`.trim();
  });

describe('the timeline of a process', () => {
  const app = appUnderTest();

  it('shows every event of the demo with an intact chain, filters by type, searches and switches the order', async () => {
    const { page, errors, context } = await session(app.browser);
    await openDemoTimeline(page, app.url);
    await onScreen(page)
      .getByText(/^✓ Kette intakt: 160 Ereignisse, jedes mit dem vorigen verkettet, signiert und geprüft\. Kopf-Hash [0-9a-f]{12}…$/)
      .waitFor({
        timeout: 30_000,
      });
    expect(await count(page).textContent()).toBe('160 Ereignisse');
    // Newest first: the first entry is the last event.
    const first = items(page).first();
    expect(await first.getAttribute('aria-posinset')).toBe('1');
    expect(await first.getAttribute('aria-setsize')).toBe('160');
    expect(await first.textContent()).toContain('Ereignis 160');

    // Only the refusals: each names the decision, the signer, the role and the key.
    await page.getByLabel('Art des Ereignisses').selectOption({ label: 'Freigabe abgelehnt' });
    await expect.poll(() => count(page).textContent()).toMatch(/^\d von 160 Ereignissen$/);
    const refusals = await items(page).allTextContents();
    expect(refusals.length).toBeGreaterThan(0);
    for (const text of refusals) {
      expect(text).toContain('Freigabe abgelehnt');
      expect(text).toMatch(/abgelehnt als [^,]+, elektronisch unterschrieben mit Schlüssel/);
      expect(text).toMatch(/Schlüssel ([0-9A-F]{4} ){7}[0-9A-F]{4}/);
      expect(text).toContain('Begründung: „');
    }
    expect(refusals.join('\n')).toContain('Das Seminarbudget ist im Eingliederungstitel nicht gedeckt.');
    // Each links to its stage and to the evidence it concerned.
    await list(page).getByRole('link', { name: 'Phase „Ziel- und Maßnahmenplanung“, Zyklus 1' }).first().waitFor();
    await list(page)
      .getByRole('link', { name: /^Nachweis „Maßnahmenplan DIKÖ 2024\/25/ })
      .first()
      .waitFor();

    // Search, with and without umlauts; the type filter still holds.
    await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
    await expect.poll(() => count(page).textContent()).toBe('160 Ereignisse');
    await page.getByLabel('Im Text suchen').fill('elternzeit');
    await expect.poll(() => count(page).textContent()).toBe('2 von 160 Ereignissen');
    expect((await items(page).allTextContents()).join('\n')).toContain('IKBO in Elternzeit');
    await page.getByLabel('Im Text suchen').fill('Massnahmenplan ueberarbeitet');
    await expect.poll(() => count(page).textContent()).toBe('2 von 160 Ereignissen');

    // Oldest first: the process opening comes first.
    await page.getByLabel('Im Text suchen').fill('');
    await page.getByRole('radio', { name: 'Älteste zuerst' }).check();
    await expect.poll(() => items(page).first().textContent()).toContain('Prozess eröffnet');
    expect(await list(page).getAttribute('aria-label')).toBe('Ereignisse, älteste zuerst');

    // A date range in German days, both ends included.
    await page.getByLabel('Von (Datum)').fill('2024-05-10');
    await page.getByLabel('Bis (Datum)').fill('2024-05-10');
    await expect.poll(() => count(page).textContent()).toMatch(/^\d+ von 160 Ereignissen$/);
    for (const text of await items(page).allTextContents()) expect(text).toContain('10.05.2024');

    // An evidence link leads straight to that evidence: the oldest one, far down the evidence list,
    // is scrolled into view and focused.
    await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
    await page.getByLabel('Art des Ereignisses').selectOption({ label: 'Nachweis angelegt' });
    await page.getByRole('radio', { name: 'Älteste zuerst' }).check();
    // Both the filter and the order are applied before the first link is read and clicked.
    await expect.poll(() => count(page).textContent()).toMatch(/^\d+ von 160 Ereignissen$/);
    await expect.poll(() => list(page).getAttribute('aria-label')).toBe('Ereignisse, älteste zuerst');
    const link = list(page)
      .getByRole('link', { name: /^Nachweis „/ })
      .first();
    const title = /„(.+)“/.exec((await link.textContent()) ?? '')?.[1] ?? '';
    expect(title).not.toBe('');
    await link.click();
    await page.waitForURL(/#\/p\/jc-neckar-alb\/evidence\/[^/]+$/);
    const linkedHash = new URL(page.url()).hash;
    await expect.poll(() => focusedEvidence(page)).toEqual({ title, inView: true });

    // An id this process does not have: a notice, and the list as usual.
    await page.evaluate(() => {
      window.location.hash = '#/p/jc-neckar-alb/evidence/gibt-es-nicht';
    });
    await page.locator('[data-status]').filter({ hasText: 'Diesen Nachweis gibt es in diesem Prozess nicht.' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Alle Nachweise' }).waitFor();

    // A filter that hides the linked evidence gives way to the link.
    const kindOfLinked = await page
      .locator('article[data-evidence-id]')
      .filter({ has: page.getByRole('heading', { level: 4, name: title }) })
      .locator('dd')
      .first()
      .textContent();
    const kinds = await page.getByLabel('Art', { exact: true }).locator('option').allTextContents();
    const other = kinds.find((k) => k !== 'alle' && k !== kindOfLinked) ?? '';
    await page.getByLabel('Art', { exact: true }).selectOption({ label: other });
    expect(await page.getByRole('heading', { level: 4, name: title }).count()).toBe(0);
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, linkedHash);
    await expect.poll(() => focusedEvidence(page)).toEqual({ title, inView: true });
    expect(await page.getByLabel('Art', { exact: true }).inputValue()).toBe('*');
    expect(await onScreen(page).getByText('Diesen Nachweis gibt es in diesem Prozess nicht.').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no accessibility violations, and is worked by keyboard alone', async () => {
    const { page, errors, context } = await session(app.browser);
    await openDemoTimeline(page, app.url);
    await onScreen(page)
      .getByText(/Kette intakt/)
      .waitFor({ timeout: 30_000 });
    expect(await axeViolations(page)).toEqual([]);

    // From the heading on, Tab reaches each filter in turn.
    await page.getByRole('link', { name: 'Verlauf' }).focus();
    const tabTo = async (target: string) => {
      for (let i = 0; i < 30 && (await focused(page)) !== target; i++) await page.keyboard.press('Tab');
      expect(await focused(page)).toBe(target);
    };
    await tabTo('SELECT Art des Ereignisses');
    // Typing on a focused select picks the option that starts with it.
    await page.keyboard.type('Freigabe a');
    await expect.poll(() => count(page).textContent()).toMatch(/^\d von 160 Ereignissen$/);
    await tabTo('INPUT Im Text suchen');
    await page.keyboard.type('Seminarbudget');
    await expect.poll(() => count(page).textContent()).toBe('1 von 160 Ereignissen');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^INPUT/);
    await page.keyboard.press('ArrowDown'); // radio group: to "Älteste zuerst"
    await expect.poll(() => list(page).getAttribute('aria-label')).toBe('Ereignisse, älteste zuerst');
    await tabTo('BUTTON Filter zurücksetzen');
    await page.keyboard.press('Enter');
    await expect.poll(() => count(page).textContent()).toBe('160 Ereignisse');
    // The list itself takes focus and scrolls with the keyboard.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('SECTION Ereignisse, neueste zuerst');
    const scrollTop = () => list(page).evaluate((el) => el.scrollTop);
    await page.keyboard.press('End');
    await expect.poll(scrollTop).toBeGreaterThan(1000);
    await expect.poll(() => items(page).last().getAttribute('aria-posinset')).toBe('160');
    expect(await items(page).last().textContent()).toContain('Prozess eröffnet');
    // Only what is in view is in the page.
    expect(await items(page).count()).toBeLessThan(40);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("names the first broken event when a stored event was changed behind the app's back", async () => {
    const { page, context } = await session(app.browser);
    await openDemoTimeline(page, app.url);
    await onScreen(page)
      .getByText(/Kette intakt/)
      .waitFor({ timeout: 30_000 });
    // An insider edits the refusal's comment directly in the database.
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('ankerpunkt');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('events', 'readwrite');
        const store = tx.objectStore('events');
        const cursor = store.openCursor();
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return;
          const row = c.value as { type: string; payload: { comment: string } };
          if (row.type === 'SignOffRefused') c.update({ ...row, payload: { ...row.payload, comment: 'Alles bestens.' } });
          c.continue();
        };
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    });
    await page.reload();
    const alert = page.locator('[data-status]').filter({ hasText: 'Kette gebrochen' });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain('Kette gebrochen bei Ereignis 48:');
    expect(await alert.textContent()).toContain('Der Inhalt des Ereignisses passt nicht mehr zu seinem Hash.');
    // The list is still there to look at.
    await items(page).first().waitFor();
    await context.close();
  });

  // How fast it opens and scrolls is measured in bench/timeline.ts, not asserted here.
  it('opens a log of 10,000 events, reaches its end by keyboard, searches it and keeps few entries in the page', async () => {
    const { events } = await syntheticLog(10_000, sha256);
    const { page, errors, context } = await session(app.browser);
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Neuen Prozess anlegen' }).waitFor();
    // Test-only shortcut: the log is written straight into the app's database, as an import would.
    await storeLogInPage(page, 'jc-neckar-alb', events);

    await page.goto(`${app.url}#/p/jc-neckar-alb`);
    await page.getByRole('heading', { level: 1, name: DEMO }).waitFor({ timeout: 120_000 });
    await page.getByRole('link', { name: 'Verlauf' }).click();
    await items(page).first().waitFor({ timeout: 60_000 });
    expect(await count(page).textContent()).toBe('10.000 Ereignisse');
    expect(await items(page).first().getAttribute('aria-setsize')).toBe('10000');
    await onScreen(page)
      .getByText(/Kette intakt: 10\.000 Ereignisse/)
      .waitFor({ timeout: 120_000 });

    // One End key press reaches the last entry, although only the first few of the 10,000 were
    // measured: the guessed heights must not be too small, or measuring the last entries would
    // push the end further down, past what the key press reached.
    const scrollHeight = () => list(page).evaluate((el) => el.scrollHeight);
    const heightBeforeEnd = await scrollHeight();
    await list(page).focus();
    await page.keyboard.press('End');
    await expect.poll(() => lastFullyInView(page), { timeout: 10_000 }).toBe('10000');
    // ... and it stays there once everything in view is measured.
    await page.waitForTimeout(500);
    expect(await lastFullyInView(page)).toBe('10000');
    expect(await scrollHeight()).toBeLessThanOrEqual(heightBeforeEnd);
    await page.keyboard.press('Home');
    await expect.poll(() => items(page).first().getAttribute('aria-posinset')).toBe('1');

    // Filtering the whole log: type a search and wait for the count.
    await page.getByLabel('Im Text suchen').fill('Aktennotiz 7');
    await expect.poll(() => count(page).textContent()).toMatch(/^[\d.]+ von 10\.000 Ereignissen$/);
    await page.getByLabel('Im Text suchen').fill('');
    await expect.poll(() => count(page).textContent()).toBe('10.000 Ereignisse');

    // Scrolled through the whole list, the page still holds only the entries in view.
    await list(page).evaluate((el) => {
      el.scrollTop = el.scrollHeight / 2;
    });
    await expect
      .poll(() => list(page).evaluate((el) => Number(el.querySelector('li')?.getAttribute('aria-posinset'))))
      .toBeGreaterThan(1000);
    expect(await list(page).evaluate((el) => el.querySelectorAll('li').length)).toBeLessThan(60);
    expect(errors).toEqual([]);
    await context.close();
  });
});
