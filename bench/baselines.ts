/**
 * The raw baselines the benches compare against, and their shared timing helper. A baseline is
 * the work a feature cannot avoid, done with nothing of ours around it: bare XState
 * `transition()`, bare SHA-256, bare WebCrypto ECDSA, bare IndexedDB.
 */
import * as nodeCrypto from 'node:crypto';
import { transition } from 'xstate';
import type { ProcessSnapshot } from '../machines/process/process.explain.ts';
import type { LoggedEvent } from '../src/domain/chain.ts';
import { canonicalBytes } from '../src/domain/crypto/canonical-json.ts';
import { fromBase64Url } from '../src/domain/crypto/encoding.ts';
import { engine, statementFor } from '../src/domain/process-engine.ts';
import { eventStatement } from '../src/domain/statements.ts';

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

/** node:crypto's fastest digest: the one-shot `hash()` where Node has it (20.12+), as ours uses. */
const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }).hash;

export function bareSha(bytes: readonly Uint8Array[]): void {
  if (oneShot) for (const b of bytes) oneShot('sha256', b, 'hex');
  else for (const b of bytes) nodeCrypto.createHash('sha256').update(b).digest('hex');
}

export interface RawSignature {
  key: CryptoKey;
  signature: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

const importVerifyKey = (publicKey: string) =>
  crypto.subtle.importKey('raw', fromBase64Url(publicKey) as Uint8Array<ArrayBuffer>, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'verify',
  ]);

/**
 * Every signature of a log as WebCrypto inputs, to time bare ECDSA verification: each event's own
 * (format 2) and each sign-off statement's. One imported key per key id, as any verifier would.
 */
export async function signaturesOf(events: readonly LoggedEvent[], final: ProcessSnapshot): Promise<RawSignature[]> {
  const { machine, initial } = engine();
  const out: RawSignature[] = [];
  const keys = new Map<string, CryptoKey>();
  const keyOf = async (keyId: string) => {
    const publicKey = final.context.keys[keyId]?.publicKey;
    if (!publicKey) return null;
    let key = keys.get(keyId);
    if (!key) {
      key = await importVerifyKey(publicKey);
      keys.set(keyId, key);
    }
    return key;
  };
  const processId = final.context.processId;
  let snapshot = initial;
  for (const event of events) {
    const signer = event.signerKeyId ? await keyOf(event.signerKeyId) : null;
    if (signer && event.signature) {
      out.push({
        key: signer,
        signature: fromBase64Url(event.signature) as Uint8Array<ArrayBuffer>,
        data: canonicalBytes(eventStatement(processId, event.hash)) as Uint8Array<ArrayBuffer>,
      });
    }
    if (event.type === 'SignOffGranted' || event.type === 'SignOffRefused') {
      const statement = statementFor(snapshot, event);
      const key = await keyOf(event.payload.keyId);
      if (statement && key) {
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

/** The bytes each event's hash is over: the event without its hash and signature. */
export const hashedBytes = (events: readonly LoggedEvent[]) => events.map(({ hash: _h, signature: _s, ...body }) => canonicalBytes(body));

/** Every signature verified bare, all at once: as fast as WebCrypto verifies them. */
export async function bareVerifyAll(signed: readonly RawSignature[]): Promise<void> {
  const results = await Promise.all(
    signed.map((s) => crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, s.key, s.signature, s.data)),
  );
  if (!results.every(Boolean)) throw new Error('a bench signature does not verify');
}

/**
 * What verifying a bundle cannot avoid, done bare: parse the text, SHA-256 every event's
 * canonical bytes, verify every signature with WebCrypto, run every event through transition().
 * Prepared once; the returned functions are what is timed: all of it, and the cryptography alone.
 */
export async function rawVerifySteps(text: string, events: readonly LoggedEvent[], final: ProcessSnapshot) {
  const eventBytes = hashedBytes(events);
  const signed = await signaturesOf(events, final);
  return {
    signatures: signed.length,
    crypto: async () => {
      bareSha(eventBytes);
      await bareVerifyAll(signed);
    },
    run: async () => {
      JSON.parse(text);
      bareSha(eventBytes);
      await bareVerifyAll(signed);
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
