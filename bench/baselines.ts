/**
 * The raw baselines the benches compare against, and their shared timing helper. A baseline is
 * the work a feature cannot avoid, done with nothing of ours around it: bare XState
 * `transition()`, bare SHA-256, bare WebCrypto ECDSA, bare IndexedDB.
 */
import { createHash } from 'node:crypto';
import { transition } from 'xstate';
import type { ProcessSnapshot } from '../machines/process/process.explain.ts';
import type { LoggedEvent } from '../src/domain/chain.ts';
import { canonicalBytes } from '../src/domain/crypto/canonical-json.ts';
import { fromBase64Url } from '../src/domain/crypto/encoding.ts';
import { engine, statementFor } from '../src/domain/process-engine.ts';

/** The median time of `runs` runs, in milliseconds. */
export async function median(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export function bareTransitions(events: readonly LoggedEvent[]): ProcessSnapshot {
  const { machine, initial } = engine();
  let snapshot = initial;
  for (const event of events) snapshot = transition(machine, snapshot, event)[0];
  return snapshot;
}

export function bareSha(bytes: readonly Uint8Array[]): void {
  for (const b of bytes) createHash('sha256').update(b).digest('hex');
}

export interface RawSignature {
  key: CryptoKey;
  signature: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

/** The sign-off signatures of a log as WebCrypto inputs, to time bare ECDSA verification. */
export async function signaturesOf(events: readonly LoggedEvent[], final: ProcessSnapshot): Promise<RawSignature[]> {
  const { machine, initial } = engine();
  const out: RawSignature[] = [];
  let snapshot = initial;
  for (const event of events) {
    if (event.type === 'SignOffGranted' || event.type === 'SignOffRefused') {
      const statement = statementFor(snapshot, event);
      const publicKey = final.context.keys[event.payload.keyId]?.publicKey;
      if (statement && publicKey) {
        const key = await crypto.subtle.importKey(
          'raw',
          fromBase64Url(publicKey) as Uint8Array<ArrayBuffer>,
          { name: 'ECDSA', namedCurve: 'P-256' },
          false,
          ['verify'],
        );
        out.push({
          key,
          signature: fromBase64Url(event.payload.signature) as Uint8Array<ArrayBuffer>,
          data: canonicalBytes(statement) as Uint8Array<ArrayBuffer>,
        });
      }
    }
    snapshot = transition(machine, snapshot, event)[0];
  }
  return out;
}

/**
 * What verifying a bundle cannot avoid, done bare: parse the text, SHA-256 every event's
 * canonical bytes, verify every signature with WebCrypto, run every event through transition().
 * Prepared once; the returned function is what is timed.
 */
export async function rawVerifySteps(text: string, events: readonly LoggedEvent[], final: ProcessSnapshot) {
  const eventBytes = events.map(({ hash: _h, ...body }) => canonicalBytes(body));
  const signed = await signaturesOf(events, final);
  return {
    signatures: signed.length,
    run: async () => {
      JSON.parse(text);
      bareSha(eventBytes);
      for (const s of signed) await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, s.key, s.signature, s.data);
      bareTransitions(events);
    },
  };
}

/** Bare IndexedDB: all rows put into one object store in one transaction, no library between. */
export async function bareIndexedDbPut(rows: readonly object[]): Promise<void> {
  const name = `bench-bare-${crypto.randomUUID()}`;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('events', { keyPath: ['processId', 'seq'] });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('events', 'readwrite');
    const store = tx.objectStore('events');
    for (const row of rows) store.put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  indexedDB.deleteDatabase(name);
}
