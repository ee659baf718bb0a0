/**
 * The timeline of a 10,000-event process in Chromium, for `npm run bench`: the click on "Verlauf"
 * until the first entry is on screen (issue 15's goal: < 0.3 s), until the chain verdict, a search
 * over the whole log, and the frame times of scrolling through it. The e2e test checks that all
 * of it works; the times are measured here, on a production build, and never asserted.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../scripts/chromium.ts';
import type { LoggedEvent } from '../src/domain/chain.ts';
import { nodeSha256Hex } from '../src/domain/crypto/node-sha256.ts';
import { root, run, serve } from './serve.ts';
import { storeLogInPage } from './store-in-page.ts';
import { syntheticLog } from './synthetic-log.ts';

const RUNS = 3;
const list = (page: Page) => page.getByRole('region', { name: /^Ereignisse, (neueste|älteste) zuerst$/ });

/**
 * One fresh browser: the process opened, `dwellMs` on its overview (the process screen reads the
 * log ahead while idle, decision 63), then the click on "Verlauf".
 */
async function once(url: string, events: readonly LoggedEvent[], dwellMs: number): Promise<Record<string, number>> {
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ serviceWorkers: 'block', locale: 'de-DE' })).newPage();
    await page.goto(url);
    await page.getByRole('heading', { name: 'Neuen Prozess anlegen' }).waitFor();
    await storeLogInPage(page, 'jc-neckar-alb', events);
    await page.goto(`${url}#/p/jc-neckar-alb`);
    await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 120_000 });
    // The longest task on the page while it sits on the overview: what the read-ahead costs a click there.
    await page.evaluate(() => {
      const w = window as unknown as { longestTask: number };
      w.longestTask = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longestTask = Math.max(w.longestTask, entry.duration);
      }).observe({ type: 'longtask' });
    });
    await page.waitForTimeout(dwellMs);
    const longestTask = await page.evaluate(() => (window as unknown as { longestTask: number }).longestTask);
    const start = Date.now();
    await page.getByRole('link', { name: 'Verlauf' }).click();
    await list(page).getByRole('listitem').first().waitFor({ timeout: 60_000 });
    const listShown = Date.now() - start;
    await page
      .getByText(/Kette intakt: 10\.000 Ereignisse/)
      .first()
      .waitFor({ timeout: 120_000 });
    const chainChecked = Date.now() - start;
    const searchStart = Date.now();
    await page.getByLabel('Im Text suchen').fill('Aktennotiz 7');
    await page.locator('.timeline-count', { hasText: /von 10\.000 Ereignissen/ }).waitFor();
    const search = Date.now() - searchStart;
    await page.getByLabel('Im Text suchen').fill('');
    const frames = await list(page).evaluate(async (el) => {
      const durations: number[] = [];
      let last = performance.now();
      for (let i = 1; i <= 60; i++) {
        el.scrollTop = (el.scrollHeight * i) / 60;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const now = performance.now();
        durations.push(now - last);
        last = now;
      }
      durations.sort((a, b) => a - b);
      return { median: durations[30] as number, worst: durations[durations.length - 1] as number };
    });
    return { listShown, chainChecked, search, frameMedian: frames.median, frameWorst: frames.worst, longestTask };
  } finally {
    await browser.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main(): Promise<void> {
  await run('npx', ['vite', 'build', '--logLevel', 'error']);
  const { events } = await syntheticLog(10_000, nodeSha256Hex);
  const app = await serve(join(root, 'dist'));
  const atOnce: Record<string, number>[] = [];
  const runs: Record<string, number>[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      atOnce.push(await once(app.url, events, 0));
      runs.push(await once(app.url, events, 3000));
    }
  } finally {
    app.server.close();
  }
  const of = (key: string, from = runs) => median(from.map((r) => r[key] as number));
  console.log(`\ntimeline of 10,000 events (Chromium, production build, median of ${RUNS})`);
  console.log(`${'list visible, clicked as the process appears'.padEnd(48)}${of('listShown', atOnce)} ms`);
  console.log(`${'list visible, clicked 3 s after'.padEnd(48)}${of('listShown')} ms (goal < 300 ms)`);
  console.log(`${'longest task in those 3 s (the read-ahead)'.padEnd(48)}${of('longestTask').toFixed(0)} ms`);
  console.log(`${'chain verdict after the click'.padEnd(48)}${of('chainChecked')} ms`);
  console.log(`${'search over the whole log'.padEnd(48)}${of('search')} ms`);
  console.log(`${'scroll frame, median / worst'.padEnd(48)}${of('frameMedian').toFixed(1)} / ${of('frameWorst').toFixed(1)} ms`);
}

await main();
