/**
 * Storage benchmarks that must run in a real browser (IndexedDB, WebCrypto): appending through
 * Dexie against a bare IndexedDB put, and opening a process with 10,000 events and 1,000
 * evidence items. bench/app.ts builds this page, runs it in Chromium and reads window.results.
 */
import { AnkerpunktDb } from '../../src/db/database.ts';
import { appendCommand, importLog, loadProcess } from '../../src/db/process-store.ts';
import { prepareAppend } from '../../src/domain/append.ts';
import { webSha256Hex } from '../../src/domain/crypto/sha256.ts';
import { DemoWriter } from '../../src/domain/demo/demo-writer.ts';
import type { EventSigner } from '../../src/domain/event-signature.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { syntheticLog } from '../synthetic-log.ts';

type Results = Record<string, number>;
const results: Results = {};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function bareIdb(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('events', { keyPath: ['processId', 'seq'] });
      for (const store of ['heads', 'snapshots', 'parts', 'processes']) open.result.createObjectStore(store);
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

/** The same writes an append makes (event, head, snapshot top, two parts, summary), in one bare transaction. */
function bareAppendWrites(db: IDBDatabase, value: { seq: number; [key: string]: unknown }): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(['events', 'heads', 'snapshots', 'parts', 'processes'], 'readwrite', { durability: 'strict' });
    tx.objectStore('heads').get('p');
    tx.objectStore('events').put(value);
    tx.objectStore('heads').put({ seq: value.seq }, 'p');
    tx.objectStore('snapshots').put({ seq: value.seq, top: 'small' }, 'p');
    tx.objectStore('parts').put({ cycle: value }, 'c');
    tx.objectStore('parts').put({ bucket: value.seq }, 'i');
    tx.objectStore('processes').put({ updatedAt: value.seq }, 'p');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

/**
 * The raw baseline of opening a process from its cache: a fresh connection and the rows the cache
 * is made of (head, snapshot top, every part), read bare in one transaction.
 */
async function bareReadCache(name: string, processId: string): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(['heads', 'snapshots', 'snapshotParts'], 'readonly');
    tx.objectStore('heads').get(processId);
    tx.objectStore('snapshots').get(processId);
    tx.objectStore('snapshotParts').index('processId').getAll(processId);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

function barePut(db: IDBDatabase, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('events', 'readwrite', { durability: 'strict' });
    tx.objectStore('events').put(value);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

async function appendBench(label: string, db: AnkerpunktDb, processId: string, runs: number, signer: EventSigner) {
  const eng = engine();
  const slug = label.replace(/[^A-Za-z0-9]+/g, '-');
  const bare = await bareIdb(`bare-${slug}`);
  const ours: number[] = [];
  const prepare: number[] = [];
  const sameWrites: number[] = [];
  const dexieOnly: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    const loaded = await loadProcess(db, eng, processId);
    if (!loaded.ok) throw new Error('corrupt');
    const at = loaded.state.snapshot.context.lastAt;
    const text = `Notiz ${label} ${i}`;
    const command = {
      type: 'EvidenceAttached',
      id: `bench-${slug}-${i}`,
      at,
      actor: { personId: 'p-aydin', role: 'ambassador' },
      payload: {
        evidenceId: `bench-${slug}-${i}`,
        kind: 'notiz',
        title: text,
        documentDate: at.slice(0, 10),
        reviewBy: null,
        proves: { stage: null, measureId: null, standardIds: [] },
        content: { type: 'note', text, sha256: await webSha256Hex(text) },
      },
    };
    let t = performance.now();
    await prepareAppend(eng, loaded.state.snapshot, loaded.state.head, command, webSha256Hex, signer);
    prepare.push(performance.now() - t);
    t = performance.now();
    const outcome = await appendCommand(db, eng, webSha256Hex, processId, command, signer);
    ours.push(performance.now() - t);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome));
    t = performance.now();
    await barePut(bare, { ...outcome.event, processId, seq: outcome.event.seq + 1_000_000 });
    baseline.push(performance.now() - t);
    t = performance.now();
    await bareAppendWrites(bare, { ...outcome.event, processId, seq: outcome.event.seq + 2_000_000 });
    sameWrites.push(performance.now() - t);
    t = performance.now();
    await db.transaction('rw', [db.heads, db.snapshots, db.processes], async () => {
      const read = db.heads.get('dexie-only');
      await Promise.all([
        db.heads.put({ processId: 'dexie-only', seq: i, hash: '' }),
        db.snapshots.put({ processId: 'dexie-only', seq: i } as never),
        db.processes.put({ processId: 'dexie-only' } as never),
      ]);
      await read;
    });
    dexieOnly.push(performance.now() - t);
  }
  results[`append (${label}) ms`] = median(ours);
  results[`  of which preparing (hash, checks, machine) ms`] = median(prepare);
  results[`bare IndexedDB put (${label}) ms`] = median(baseline);
  results[`bare IndexedDB, an append's 7 operations in one transaction (${label}) ms`] = median(sameWrites);
  results[`Dexie, 1 read + 3 small puts in one transaction (${label}) ms`] = median(dexieOnly);
  bare.close();
}

async function main() {
  const eng = engine();
  let t = performance.now();
  const { events, writer, people } = await syntheticLog(10_000, webSha256Hex);
  const signer = DemoWriter.signer(people.ikbo);
  results['generate 10,000 events ms'] = performance.now() - t;
  const files = [...writer.files].map(([sha256, f]) => ({
    sha256,
    blob: new Blob([f.bytes as Uint8Array<ArrayBuffer>]),
    size: f.bytes.length,
    mediaType: f.mediaType,
  }));
  const evidenceCount = writer.ctx.cycles.reduce((n, c) => n + Object.keys(c.evidence).length, 0);
  results['evidence items'] = evidenceCount;

  const small = new AnkerpunktDb('bench-small');
  const demoEvents = events.slice(0, 160);
  const imported = await importLog(small, eng, webSha256Hex, demoEvents, files);
  if (!imported.ok) throw new Error(JSON.stringify(imported));
  await appendBench('160-event process', small, 'jc-neckar-alb', 25, signer);

  const big = new AnkerpunktDb('bench-big');
  t = performance.now();
  const bigImport = await importLog(big, eng, webSha256Hex, events, files);
  results['import (verify + store) 10,000 events ms'] = performance.now() - t;
  if (!bigImport.ok) throw new Error(JSON.stringify(bigImport));
  await appendBench('10,000-event process', big, 'jc-neckar-alb', 25, signer);

  // Opening: a fresh connection, as after a reload: from the snapshot cache, and by full replay.
  big.close();
  const reopened = new AnkerpunktDb('bench-big');
  t = performance.now();
  const opened = await loadProcess(reopened, eng, 'jc-neckar-alb');
  results['open 10,000-event process from cache ms'] = performance.now() - t;
  if (!opened.ok) throw new Error('corrupt');
  reopened.close();
  const bareReads: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    await bareReadCache('bench-big', 'jc-neckar-alb');
    bareReads.push(performance.now() - t);
  }
  results['bare IndexedDB read of the same cache rows ms'] = median(bareReads);
  const again = new AnkerpunktDb('bench-big');
  await again.snapshots.clear();
  again.close();
  const replayed = new AnkerpunktDb('bench-big');
  t = performance.now();
  await loadProcess(replayed, eng, 'jc-neckar-alb');
  results['open 10,000-event process by full replay ms'] = performance.now() - t;
  (window as unknown as { results: Results }).results = results;
}

main().catch((error) => {
  (window as unknown as { results: unknown }).results = { error: String(error) };
});
