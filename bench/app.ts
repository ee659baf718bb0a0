/**
 * Browser figures for `npm run bench`: the app's initial JavaScript (gzipped), cold start to the
 * demo process on screen, and the storage benchmarks of bench/browser (append through Dexie vs.
 * a bare IndexedDB put; opening a 10,000-event process). Runs Debian's Chromium headless.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { launchChromium, launchChromiumProfile } from '../scripts/chromium.ts';
import { root, run, serve } from './serve.ts';

type Manifest = Record<string, { file: string; name?: string; isEntry?: boolean; imports?: string[] }>;

/**
 * The JavaScript a first visit downloads before a screen can render, from Vite's manifest: the
 * entry and what it imports statically, the app shell it always loads (boot.tsx), and the screen's
 * own file (by its chunk's name, see vite.config.ts) with its static imports.
 */
function initialJsGzipped(dist: string, screenChunk: string | null): { bytes: number; files: string[] } {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
  const keyOf = (test: (chunk: Manifest[string]) => boolean) =>
    Object.keys(manifest).find((key) => test(manifest[key] as Manifest[string]));
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  const keys = [keyOf((c) => c.isEntry === true), 'src/boot.tsx', ...(screenChunk ? [keyOf((c) => c.name === screenChunk)] : [])];
  if (keys.some((key) => key === undefined)) throw new Error(`the manifest lacks one of the entry, the shell and ${screenChunk}`);
  for (const key of keys) visit(key as string);
  const bytes = [...files].reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
  return { bytes, files: [...files] };
}

const RUNS = 9;
const HEADING = 'Jobcenter Neckar-Alb (Demo)';

/**
 * Cold start to the demo process: a new page (a new renderer, nothing of the app in memory) in a
 * browser that has shown the app before, until the process's name is on screen; the median of
 * RUNS. `before` is what an earlier visit leaves: the demo process in storage, with 'demoAndWorker'
 * also the installed service worker, or 'nothing' for the baseline pages.
 * The server sends the caching headers docs/hosting.md asks for.
 */
async function coldStart(context: BrowserContext, url: string, before: 'demo' | 'demoAndWorker' | 'nothing'): Promise<number> {
  try {
    if (before !== 'nothing') {
      const setup = await context.newPage();
      const problems: string[] = [];
      setup.on('pageerror', (e) => problems.push(String(e)));
      setup.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      await setup.goto(url);
      await setup.getByRole('button', { name: 'Beispielprozess laden' }).click();
      await setup
        .getByRole('heading', { level: 1, name: HEADING })
        .waitFor({ timeout: 60_000 })
        .catch((error) => {
          throw new Error(`demo did not open: ${problems.join('; ') || error}`);
        });
      if (before === 'demoAndWorker') await setup.evaluate(async () => void (await navigator.serviceWorker.ready));
      await setup.close();
    }
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await context.newPage();
      const start = Date.now();
      await page.goto(`${url}#/p/jc-neckar-alb`);
      await page.getByRole('heading', { level: 1, name: HEADING }).waitFor();
      times.push(Date.now() - start);
      if (before === 'demoAndWorker' && !(await page.evaluate(() => navigator.serviceWorker.controller !== null)))
        throw new Error('the page was not served by the service worker');
      await page.close();
    }
    return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  await run('npx', ['vite', 'build', '--logLevel', 'error']);
  await run('npx', ['vite', 'build', '--config', 'bench/browser/vite.config.ts']);
  await run('npx', ['vite', 'build', '--config', 'bench/bare-react/vite.config.ts']);
  const rows: [string, string][] = [];
  const start = initialJsGzipped(join(root, 'dist'), null);
  rows.push(['initial JS, start screen (gzipped)', `${(start.bytes / 1024).toFixed(1)} KB in ${start.files.length} files; goal ≤ 150 KB`]);
  const processJs = initialJsGzipped(join(root, 'dist'), 'process');
  rows.push(['JS before a process shows (gzipped)', `${(processJs.bytes / 1024).toFixed(1)} KB in ${processJs.files.length} files`]);

  const app = await serve(join(root, 'dist'), { hosting: true });
  const staticDir = mkdtempSync(join(tmpdir(), 'ankerpunkt-static-'));
  writeFileSync(
    join(staticDir, 'index.html'),
    `<!doctype html><html lang="de"><meta charset="utf-8"><title>x</title><h1>${HEADING}</h1></html>`,
  );
  const staticPage = await serve(staticDir, { hosting: true });
  const bareReact = await serve(join(root, 'tmp/bench-bare-react'), { hosting: true });
  const bench = await serve(join(root, 'tmp/bench-browser'));
  const profileDir = mkdtempSync(join(tmpdir(), 'ankerpunkt-bench-'));
  const browser = await launchChromium();
  try {
    const privateWindow = await coldStart(await browser.newContext({ serviceWorkers: 'block' }), app.url, 'demo');
    const fromNetwork = await coldStart(await launchChromiumProfile(`${profileDir}/a`, { serviceWorkers: 'block' }), app.url, 'demo');
    const fromWorker = await coldStart(
      await launchChromiumProfile(`${profileDir}/b`, { serviceWorkers: 'allow' }),
      app.url,
      'demoAndWorker',
    );
    const floor = await coldStart(await launchChromiumProfile(`${profileDir}/c`, { serviceWorkers: 'block' }), staticPage.url, 'nothing');
    const react = await coldStart(
      await launchChromiumProfile(`${profileDir}/d`, { serviceWorkers: 'block' }),
      `${bareReact.url}?h=${encodeURIComponent(HEADING)}`,
      'nothing',
    );
    rows.push(['cold start, private window (no code cache)', `${privateWindow} ms (median of ${RUNS})`]);
    rows.push(['cold start, profile, no service worker', `${fromNetwork} ms (median of ${RUNS}; goal < 1.0 s)`]);
    rows.push(['cold start, profile, from service worker', `${fromWorker} ms (median of ${RUNS}; goal < 0.6 s)`]);
    rows.push(['baseline: static page with only that heading', `${floor} ms (median of ${RUNS}): what measuring costs`]);
    rows.push(['baseline: bare React rendering that heading', `${react} ms (median of ${RUNS})`]);
    rows.push([
      'cold start vs. bare React, no / from worker',
      `${(fromNetwork / react).toFixed(2)}x / ${(fromWorker / react).toFixed(2)}x`,
    ]);

    const page = await (await browser.newContext()).newPage();
    await page.goto(bench.url);
    await page.waitForFunction(() => (window as unknown as { results?: unknown }).results !== undefined, undefined, {
      timeout: 300_000,
      polling: 500,
    });
    const results = (await page.evaluate(() => (window as unknown as { results: Record<string, number> }).results)) as Record<
      string,
      number
    >;
    if ('error' in results) throw new Error(String(results.error));
    for (const [label, value] of Object.entries(results)) rows.push([label, value.toFixed(label.includes('items') ? 0 : 2)]);
    for (const size of ['160-event process', '10,000-event process']) {
      const ours = results[`append (${size}) ms`] as number;
      const bare = results[`bare IndexedDB put (${size}) ms`] as number;
      rows.push([`append vs. bare put (${size})`, `${(ours / bare).toFixed(2)}x (goal ≤ 2x)`]);
    }
    const open = results['open 10,000-event process from cache ms'] as number;
    const bareRead = results['bare IndexedDB read of the same cache rows ms'] as number;
    rows.push(['open from cache vs. bare read of its rows', `${(open / bareRead).toFixed(2)}x (goal: open < 100 ms)`]);
  } finally {
    await browser.close();
    app.server.close();
    bench.server.close();
    staticPage.server.close();
    bareReact.server.close();
    rmSync(staticDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  }
  console.log('\nbrowser (Chromium)');
  for (const [label, value] of rows) console.log(`${label.padEnd(48)}${value}`);
}

await main();
