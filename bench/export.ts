/**
 * `npx tsx bench/export.ts`: the exports, each beside the raw baseline it is built on.
 *
 *   JSON export   build, sign and serialise a 10,000-event bundle  vs. JSON.stringify of its events
 *   CSV export    the same log as the CSV table                       vs. JSON.stringify of its events
 *   ZIP export    200 MB of evidence (100 × 2 MB random files, read  vs. plainly copying the same bytes
 *                 from disk) plus the bundle, streamed into one ZIP     from those files into one file
 *
 * For the ZIP: time, throughput and the peak of rss and arrayBuffers above the level before,
 * sampled every 10 ms. Streaming means the peak stays near a few slices, not near 200 MB.
 * Standalone and never part of `npm test`.
 */

import { randomFillSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle, serializeBundle } from '../src/domain/bundle.ts';
import { utf8 } from '../src/domain/crypto/encoding.ts';
import { nodeSha256Hex } from '../src/domain/crypto/node-sha256.ts';
import { ZIP_BUNDLE_ENTRY } from '../src/domain/export/audit-zip.ts';
import { eventsCsv } from '../src/domain/export/csv.ts';
import { nodeFileSink } from '../src/domain/export/node-file-sink.ts';
import { writeZip, type ZipEntrySource } from '../src/domain/export/zip-writer.ts';
import { engine } from '../src/domain/process-engine.ts';
import { median } from './baselines.ts';
import { syntheticLog } from './synthetic-log.ts';

const EVENTS = 10_000;
const FILES = 100;
const FILE_BYTES = 2 * 1024 * 1024;
const MB = 1024 * 1024;

/** Runs `fn` once, sampling memory above the level before it. */
async function measured(fn: () => Promise<unknown>): Promise<{ ms: number; rssMb: number; arrayBuffersMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  const peak = { rss: before.rss, arrayBuffers: before.arrayBuffers };
  const sample = () => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
  };
  const timer = setInterval(sample, 10);
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  clearInterval(timer);
  sample();
  return { ms, rssMb: (peak.rss - before.rss) / MB, arrayBuffersMb: (peak.arrayBuffers - before.arrayBuffers) / MB };
}

async function writeRandomFiles(dir: string): Promise<string[]> {
  const paths: string[] = [];
  const chunk = new Uint8Array(256 * 1024);
  for (let i = 0; i < FILES; i++) {
    const path = join(dir, `evidence-${i}.bin`);
    const handle = await open(path, 'w');
    for (let written = 0; written < FILE_BYTES; written += chunk.length) await handle.write(randomFillSync(chunk));
    await handle.close();
    paths.push(path);
  }
  return paths;
}

async function plainCopy(paths: readonly string[], out: string): Promise<void> {
  const sink = await nodeFileSink(out);
  for (const path of paths) for await (const chunk of createReadStream(path)) await sink.write(chunk as Buffer);
  await sink.close();
}

function row(name: string, ms: number, baselineName: string, baselineMs: number): string {
  return `${name.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms   ${baselineName.padEnd(34)} ${baselineMs.toFixed(1).padStart(9)} ms   ×${(ms / baselineMs).toFixed(2)}`;
}

async function main(): Promise<void> {
  const eng = engine();
  const { events, writer, people } = await syntheticLog(EVENTS, nodeSha256Hex);
  const snapshot = writer.log.snapshot;
  const exporter = { personId: people.ikbo.personId, key: people.ikbo.key };
  const bundleOf = () =>
    buildBundle({ engine: eng, events, snapshot, exporter, exportedAt: new Date().toISOString() }).then(serializeBundle);

  console.log(`Exports of a ${events.length}-event log (median of 5)\n`);
  const baseline = await median(5, () => JSON.stringify(events, null, 2));
  const json = await median(5, bundleOf);
  const csv = await median(5, () => eventsCsv({ events, snapshot, rulebook: eng.rulebook, lang: 'de' }));
  const bundleText = await bundleOf();
  const csvText = eventsCsv({ events, snapshot, rulebook: eng.rulebook, lang: 'de' });
  console.log(row(`JSON export (${(bundleText.length / MB).toFixed(1)} MB)`, json, 'JSON.stringify(events)', baseline));
  console.log(row(`CSV export (${(csvText.length / MB).toFixed(1)} MB)`, csv, 'JSON.stringify(events)', baseline));

  const dir = await mkdtemp(join(tmpdir(), 'ankerpunkt-bench-zip-'));
  try {
    const paths = await writeRandomFiles(dir);
    const bundleBytes = utf8(bundleText);
    const total = FILES * FILE_BYTES + bundleBytes.length;
    const entries: ZipEntrySource[] = [
      { name: ZIP_BUNDLE_ENTRY, size: bundleBytes.length, compress: true, open: () => [bundleBytes] },
      ...paths.map((path, i) => ({
        name: `evidence/${String(i).padStart(64, '0')}`,
        size: FILE_BYTES,
        compress: false,
        open: () => createReadStream(path) as unknown as AsyncIterable<Uint8Array>,
      })),
    ];
    const copy = await measured(() => plainCopy(paths, join(dir, 'copy.bin')));
    const zip = await measured(async () => writeZip(entries, await nodeFileSink(join(dir, 'export.zip'))));
    await writeFile(join(dir, 'done'), '');
    const mbps = (ms: number) => (total / MB / (ms / 1000)).toFixed(0);
    console.log(`\nZIP of ${(total / MB).toFixed(0)} MB (${FILES} evidence files of 2 MB, stored; the bundle deflated), one run\n`);
    console.log(row('ZIP export (streamed to disk)', zip.ms, 'plain copy of the same bytes', copy.ms));
    console.log(`  throughput: ZIP ${mbps(zip.ms)} MB/s, copy ${mbps(copy.ms)} MB/s`);
    console.log(
      `  peak memory above start: ZIP rss +${zip.rssMb.toFixed(0)} MB, arrayBuffers +${zip.arrayBuffersMb.toFixed(0)} MB; ` +
        `copy rss +${copy.rssMb.toFixed(0)} MB, arrayBuffers +${copy.arrayBuffersMb.toFixed(0)} MB`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
