/**
 * `npx tsx bench/import.ts`: importing bundles, each figure beside its raw baseline.
 *
 *   import 10k    read + parse + verify + store (fake-indexeddb) a 10,000-event JSON bundle
 *                 vs. the raw steps it cannot avoid: parse, SHA-256 of every event, ECDSA verify of
 *                 every signature, bare transition(), and one bare IndexedDB transaction putting
 *                 every event row (bench/baselines.ts)
 *   zip verify    open + verify + hash every evidence file of a ZIP with 200 MB of evidence
 *                 vs. SHA-256 of the same 200 MB
 *   zip import    the same, and storing the files (fake-indexeddb)
 *
 * The ZIP is written here with fflate in the fixed layout (bundle.json first, evidence/<sha256>), so
 * this does not depend on the app's exporter. Peak memory is the process's maximum resident set
 * size after each step (it only grows), so the figure of a step includes the steps before it.
 */
import 'fake-indexeddb/auto';
import { createHash, randomFillSync } from 'node:crypto';
import { zipSync } from 'fflate';
import { AnkerpunktDb } from '../src/db/database.ts';
import { importBundleFile } from '../src/db/import-store.ts';
import { buildBundle, serializeBundle } from '../src/domain/bundle.ts';
import { nodeSha256Hex as sha256 } from '../src/domain/crypto/node-sha256.ts';
import { buildJobcenterDemo } from '../src/domain/demo/jobcenter-demo.ts';
import { checkBundleFile } from '../src/domain/import/check-bundle.ts';
import { engine } from '../src/domain/process-engine.ts';
import { replay } from '../src/domain/replay.ts';
import { bareIndexedDbPut, rawVerifySteps } from './baselines.ts';
import { syntheticLog } from './synthetic-log.ts';

const MB = 1024 * 1024;
const eng = engine();
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

function row(name: string, ms: number, baselineName: string, baselineMs: number, extra = ''): void {
  const ratio = (ms / baselineMs).toFixed(1);
  console.log(
    `${name.padEnd(14)} ${ms.toFixed(0).padStart(7)} ms   ${baselineName.padEnd(40)} ${baselineMs.toFixed(0).padStart(6)} ms   ×${ratio}${extra}`,
  );
}

// ---------------------------------------------------------------- 10,000 events, JSON
{
  const { events, people } = await syntheticLog(10_000, sha256);
  const bundle = await buildBundle({
    engine: eng,
    events,
    snapshot: replay(eng, events),
    exporter: { personId: people.ikbo.personId, key: people.ikbo.key },
    exportedAt: new Date().toISOString(),
  });
  const bytes = new TextEncoder().encode(serializeBundle(bundle));
  const text = new TextDecoder().decode(bytes);
  const rawSteps = await rawVerifySteps(text, bundle.events, replay(eng, bundle.events));
  const rows = bundle.events.map((event) => ({ ...event, processId: bundle.process.processId }));
  const baseline = await time(async () => {
    await rawSteps.run();
    await bareIndexedDbPut(rows);
  });
  const db = new AnkerpunktDb(`bench-import-${crypto.randomUUID()}`);
  const imported = await time(() => importBundleFile(db, eng, sha256, new Blob([bytes]), 'readOnly', new Date()));
  if (!imported.value.ok) throw new Error(`import failed: ${JSON.stringify(imported.value.problem)}`);
  row(
    'import 10k',
    imported.ms,
    `raw verify (${rawSteps.signatures} ECDSA) + bare IDB put`,
    baseline.ms,
    `   (${(bytes.length / MB).toFixed(1)} MB, ${bundle.events.length} events, peak RSS ${peakMb()} MB)`,
  );
  db.close();
}

// ---------------------------------------------------------------- 200 MB of evidence, ZIP
{
  const { writer, people } = await buildJobcenterDemo(eng, sha256);
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
  const FILES = 4;
  const SIZE = 50 * MB;
  writer.on('2026-11-24');
  for (let i = 0; i < FILES; i++) {
    // Random bytes: evidence is mostly PDFs and photos, which do not compress.
    const content = randomFillSync(new Uint8Array(SIZE));
    const digest = sha256(content) as string;
    files[`evidence/${digest}`] = [content, { level: 0 }];
    await writer.record('EvidenceAttached', people.ikbo, {
      evidenceId: `n-bench-${i}`,
      kind: 'protokoll',
      title: `Großer Nachweis ${i + 1}`,
      documentDate: '2026-11-24',
      reviewBy: null,
      proves: { stage: null, measureId: null, standardIds: [] },
      content: { type: 'file', name: `scan-${i + 1}.pdf`, mediaType: 'application/pdf', size: SIZE, sha256: digest },
    });
  }
  for (const [digest, file] of writer.files) files[`evidence/${digest}`] = [file.bytes, { level: 0 }];
  const bundle = await buildBundle({
    engine: eng,
    events: writer.log.events,
    snapshot: writer.log.snapshot,
    exporter: { personId: people.ikbo.personId, key: people.ikbo.key },
    exportedAt: new Date().toISOString(),
  });
  // bundle.json must be the first entry (docs/audit-bundle.md, "Reading a ZIP strictly").
  const zip = new Blob([zipSync({ 'bundle.json': new TextEncoder().encode(serializeBundle(bundle)), ...files })]);
  for (const key of Object.keys(files)) delete files[key];
  const evidenceBytes = FILES * SIZE;
  const baseline = await time(async () => {
    // The bytes have to come out of the file either way; the baseline hashes them as they come.
    const hash = createHash('sha256');
    hash.update(new Uint8Array(await zip.arrayBuffer()));
    return hash.digest('hex');
  });
  const checked = await time(() => checkBundleFile(eng, zip, sha256));
  if (!checked.value.ok) throw new Error(`zip refused: ${JSON.stringify(checked.value.problem)}`);
  if (checked.value.verdict.status !== 'intact') throw new Error('zip did not verify');
  const mbPerS = (ms: number) => ((evidenceBytes / MB / ms) * 1000).toFixed(0);
  row('zip verify', checked.ms, 'SHA-256 of the whole ZIP', baseline.ms, `   (${mbPerS(checked.ms)} MB/s, peak RSS ${peakMb()} MB)`);
  const db = new AnkerpunktDb(`bench-import-zip-${crypto.randomUUID()}`);
  const imported = await time(() => importBundleFile(db, eng, sha256, zip, 'readOnly', new Date()));
  if (!imported.value.ok) throw new Error(`zip import failed: ${JSON.stringify(imported.value.problem)}`);
  row('zip import', imported.ms, 'SHA-256 of the whole ZIP', baseline.ms, `   (${mbPerS(imported.ms)} MB/s, peak RSS ${peakMb()} MB)`);
  db.close();
}
