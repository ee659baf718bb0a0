/**
 * The regional overview: 50 agencies' bundles of about 2,000 events each.
 *   - verifying all 50 (as importing does first) beside the raw steps it cannot avoid (parse,
 *     SHA-256, ECDSA of every signature, transition());
 *   - the overview's computation alone from the 50 replayed states (goal: under 50 ms);
 *   - in Chromium, the real app: all 50 files chosen at once on "Übersicht Region", until the table
 *     of 50 agencies is on screen, with the peak JS heap.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProcessSnapshot } from '../machines/process/process.explain.ts';
import { launchChromium } from '../scripts/chromium.ts';
import { buildBundle, serializeBundle } from '../src/domain/bundle.ts';
import type { LoggedEvent } from '../src/domain/chain.ts';
import { utf8 } from '../src/domain/crypto/encoding.ts';
import { nodeSha256Hex } from '../src/domain/crypto/node-sha256.ts';
import { buildAgencyProcess, regionSpecs } from '../src/domain/demo/region-demo.ts';
import { agencyRow, buildOverview } from '../src/domain/overview.ts';
import { engine } from '../src/domain/process-engine.ts';
import { verifyBundleBytes } from '../src/domain/verify.ts';
import { median, rawVerifySteps } from './baselines.ts';
import { root, run, serve } from './serve.ts';

const AGENCIES = 50;
const AS_OF = '2026-12-01T00:00:00.000Z';

async function main(): Promise<void> {
  const eng = engine();
  const t0 = performance.now();
  const bundles: { name: string; text: string }[] = [];
  const states: { snapshot: ProcessSnapshot; events: LoggedEvent[] }[] = [];
  for (const spec of regionSpecs(AGENCIES, { steps: 150 })) {
    const { writer, ambassador } = await buildAgencyProcess(eng, nodeSha256Hex, spec);
    const bundle = await buildBundle({
      engine: eng,
      events: writer.log.events,
      snapshot: writer.log.snapshot,
      exporter: { personId: ambassador.personId, key: ambassador.key },
      exportedAt: AS_OF,
    });
    bundles.push({ name: `${spec.processId}.json`, text: serializeBundle(bundle) });
    states.push({ snapshot: writer.log.snapshot, events: writer.log.events });
  }
  const events = states.reduce((n, s) => n + s.events.length, 0);
  console.log(
    `${AGENCIES} bundles, ${events.toLocaleString('en')} events (${Math.round(events / AGENCIES)} each), made in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const verifyMs = await median(3, async () => {
    for (const b of bundles) {
      const verdict = await verifyBundleBytes(eng, utf8(b.text), nodeSha256Hex);
      if (verdict.status !== 'intact') throw new Error(`${b.name} not intact`);
    }
  });
  const raws = await Promise.all(
    bundles.map((b, i) => rawVerifySteps(b.text, states[i]?.events ?? [], states[i]?.snapshot ?? eng.initial)),
  );
  const rawMs = await median(3, async () => {
    for (const raw of raws) await raw.run();
  });
  const overviewMs = await median(15, () => {
    const rows = states.map((s) =>
      agencyRow(eng, s.snapshot, { kind: 'copy', eventCount: s.events.length, headHash: 'h', signedFrom: 1, exportedAt: AS_OF }, AS_OF),
    );
    buildOverview(eng, rows);
  });

  // The real app in Chromium.
  await run('npx', ['vite', 'build', '--logLevel', 'error']);
  const dir = await mkdtemp(join(tmpdir(), 'ankerpunkt-bench-region-'));
  const paths: string[] = [];
  for (const b of bundles) {
    const path = join(dir, b.name);
    await writeFile(path, b.text);
    paths.push(path);
  }
  const app = await serve(join(root, 'dist'));
  const browser = await launchChromium();
  let appMs = 0;
  let peakMb = 0;
  try {
    const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${app.url}#/region`);
    await page.getByRole('heading', { level: 1, name: 'Übersicht Region' }).waitFor();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { metrics } = await cdp.send('Performance.getMetrics');
        const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
        peakMb = Math.max(peakMb, heap / 1e6);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const start = Date.now();
    await page.getByLabel('Prüfpakete wählen (JSON oder ZIP, auch viele auf einmal)').setInputFiles(paths);
    await page.getByText(`${AGENCIES} von ${AGENCIES} Dateien übernommen.`).waitFor({ timeout: 600_000 });
    await page.getByText(`${AGENCIES} von ${AGENCIES} Dienststellen`).first().waitFor({ timeout: 120_000 });
    appMs = Date.now() - start;
    sampling = false;
    await sampler;
  } finally {
    await browser.close();
    app.server.close();
  }

  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`\n${pad('measure', 46)}${pad('time', 12)}${pad('baseline', 46)}${pad('time', 12)}ratio`);
  console.log(
    `${pad(`verify ${AGENCIES} bundles (node)`, 46)}${pad(`${verifyMs.toFixed(0)} ms`, 12)}${pad('parse + SHA-256 + ECDSA + transition()', 46)}${pad(`${rawMs.toFixed(0)} ms`, 12)}${(verifyMs / rawMs).toFixed(2)}x`,
  );
  console.log(`${pad(`overview from ${AGENCIES} replayed states`, 46)}${pad(`${overviewMs.toFixed(1)} ms`, 12)}goal < 50 ms`);
  console.log(
    `${pad(`Chromium: choose ${AGENCIES} files → table on screen`, 46)}${pad(`${(appMs / 1000).toFixed(1)} s`, 12)}${pad('raw verify of the same bundles (node)', 46)}${pad(`${rawMs.toFixed(0)} ms`, 12)}${(appMs / rawMs).toFixed(2)}x`,
  );
  console.log(`${pad('Chromium: peak JS heap while importing', 46)}${peakMb.toFixed(0)} MB`);
}

await main();
