import { describe, expect, it } from 'vitest';
import { computeHash, GENESIS_HASH, type LoggedEvent, seal } from '../../src/domain/chain.ts';
import { canonicalJson } from '../../src/domain/crypto/canonical-json.ts';
import { fromBase64Url, fromHex, toBase64Url, toHex, utf8 } from '../../src/domain/crypto/encoding.ts';
import { webSha256Hex } from '../../src/domain/crypto/sha256.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { verifyEvents } from '../../src/domain/verify.ts';
import { demoProcess, sha256 } from '../support/demo.ts';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and drops insignificant whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], '€': 0, A: {} })).toBe('{"A":{},"a":[true,null,"x"],"b":1,"€":0}');
  });

  it('formats numbers the ECMAScript way, as the RFC requires', () => {
    // Values from RFC 8785 appendix B.
    expect(canonicalJson([1e30, 4.5, 0.002, 1e-7, -0])).toBe('[1e+30,4.5,0.002,1e-7,0]');
  });

  it('escapes only what JSON requires and keeps other characters as UTF-8', () => {
    expect(canonicalJson({ t: 'Kund*innen „Ä“\n\u0001' })).toBe('{"t":"Kund*innen „Ä“\\n\\u0001"}');
  });

  it('refuses values without a JSON form instead of hashing something else', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
    expect(() => canonicalJson({ s: '\ud800' })).toThrow();
  });
});

describe('encodings', () => {
  it('round-trips hex and base64url', () => {
    const bytes = new Uint8Array([0, 1, 127, 128, 254, 255]);
    expect(toHex(bytes)).toBe('00017f80feff');
    expect(fromHex(toHex(bytes))).toEqual(bytes);
    expect(toBase64Url(bytes)).toBe('AAF_gP7_');
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
  });

  it('gives the same SHA-256 through WebCrypto and node:crypto', async () => {
    const data = utf8('Ankerpunkt');
    expect(await webSha256Hex(data)).toBe(sha256(data));
    expect(sha256(utf8(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('hash chain', () => {
  const command = {
    type: 'ProcessPaused' as const,
    id: 'e-1',
    at: '2026-01-01T09:00:00.000Z',
    actor: { personId: 'p-1', role: 'ambassador' as const },
    payload: { reason: 'Umzug' },
  };

  it('starts from the genesis value and hashes the canonical event without its hash', async () => {
    const event = await seal(command, null, sha256);
    expect(event.seq).toBe(1);
    expect(event.prevHash).toBe(GENESIS_HASH);
    const body = { ...command, seq: 1, prevHash: GENESIS_HASH };
    expect(event.hash).toBe(sha256(utf8(canonicalJson(body))));
    expect(await computeHash(event, sha256)).toBe(event.hash);
  });

  it('links each event to the one before it', async () => {
    const first = await seal(command, null, sha256);
    const second = await seal({ ...command, id: 'e-2' }, first, sha256);
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
  });

  it('accepts the demo log and names the first event that was changed, dropped or reordered', async () => {
    const { writer } = await demoProcess();
    const events = writer.log.events;
    expect((await verifyEvents(engine(), events, sha256)).ok).toBe(true);

    const changed = events.map((e, i) => (i === 40 ? ({ ...e, at: e.at.replace(/\.\d{3}Z$/, '.001Z') } as LoggedEvent) : e));
    expect(await verifyEvents(engine(), changed, sha256)).toMatchObject({
      ok: false,
      event: { seq: 41 },
      problem: { code: 'hashMismatch' },
    });

    const dropped = events.filter((_, i) => i !== 10);
    expect(await verifyEvents(engine(), dropped, sha256)).toMatchObject({
      ok: false,
      event: { seq: 12 },
      problem: { code: 'seqMismatch' },
    });

    const swapped = [...events];
    [swapped[5], swapped[6]] = [swapped[6] as LoggedEvent, swapped[5] as LoggedEvent];
    expect(await verifyEvents(engine(), swapped, sha256)).toMatchObject({ ok: false, event: { seq: 7 }, problem: { code: 'seqMismatch' } });
  });

  it('decodes hex strictly', () => {
    expect(() => fromHex('ABC')).toThrow();
  });
});
