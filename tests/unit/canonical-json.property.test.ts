import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../src/domain/chain.ts';
import { canonicalJson, canonicalJsonWithout } from '../../src/domain/crypto/canonical-json.ts';
import { plainCanonicalJson } from '../../src/domain/crypto/plain-canonical.ts';
import { demoProcess } from '../support/demo.ts';

/** What the reference gives for a value: its text, or the fact that it refuses it (or has no text for it). */
function reference(value: unknown): { text: string } | { refused: true } {
  try {
    const text = canonicalize(value);
    return text === undefined ? { refused: true } : { text };
  } catch {
    return { refused: true };
  }
}

function ours(value: unknown): { text: string } | { refused: true } {
  try {
    return { text: canonicalJson(value) };
  } catch {
    return { refused: true };
  }
}

/**
 * Strings that reach every branch of the writer: plain ASCII, what JSON escapes (quotes,
 * backslashes, control characters), German and other BMP text, astral characters (surrogate
 * pairs, which sort by their code units, not their code points) and lone surrogates.
 */
const awkwardText = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({
    unit: fc.constantFrom('a', 'Z', '"', '\\', '\n', '\u0000', '\u001f', '\u007f', 'ä', 'ß', '€', '\uffff', '😀', '𝄞', '\ud800', '\udfff'),
    maxLength: 8,
  }),
);

/** JSON values with integers and fractions, awkward names and texts, and `undefined` here and there. */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    fc.double(),
    fc.constantFrom(0, -0, 1e21, 1e-7, 2 ** 53, true, false, null, undefined),
    awkwardText,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(awkwardText, tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('canonical JSON, fast writer against the reference', () => {
  let events: LoggedEvent[];
  beforeAll(async () => {
    events = (await demoProcess()).writer.log.events;
  });

  it('gives the same bytes, or refuses the same values, for random JSON values', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(ours(value)).toEqual(reference(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same bytes for every demo event and its hashed body', () => {
    for (const event of events) {
      expect(plainCanonicalJson(event)).toBe(canonicalize(event));
      const { hash: _hash, signature: _signature, ...body } = event;
      expect(canonicalJsonWithout(event, new Set(['hash', 'signature']))).toBe(canonicalize(body));
    }
  });

  it('gives the same bytes for random events: demo events with members changed and added', () => {
    const changedEvent = fc.record({
      index: fc.nat(),
      path: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      name: awkwardText,
      value: jsonValue,
    });
    fc.assert(
      fc.property(changedEvent, ({ index, path, name, value }) => {
        const event = structuredClone(events[index % events.length]) as unknown as Record<string, unknown>;
        // Walk into the event along `path` (member by position) and set `name` there.
        let target: Record<string, unknown> = event;
        for (const step of path) {
          const objects = Object.values(target).filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
          if (objects.length === 0) break;
          target = objects[step % objects.length] as Record<string, unknown>;
        }
        // A digit name on an array would be an index: "99999999" makes an array of 10^8 holes, whose
        // canonical text no test machine holds (one such name once ran CI out of memory). Arrays grow
        // by one member instead.
        if (Array.isArray(target)) target.push(value);
        else target[name] = value;
        expect(ours(event)).toEqual(reference(event));
        const { hash: _hash, signature: _signature, ...body } = event;
        const without = (() => {
          try {
            return { text: canonicalJsonWithout(event, new Set(['hash', 'signature'])) };
          } catch {
            return { refused: true };
          }
        })();
        expect(without).toEqual(reference(body));
      }),
      { numRuns: 2000 },
    );
  });

  it('declines what is not plain data, so the reference decides it', () => {
    const toJson = { toJSON: () => 'x' };
    for (const value of [new Date(0), [toJson], { a: new Map() }, { a: 1.5 }, { f: () => 1 }, { s: '\ud800' }, Object.create({ a: 1 })]) {
      expect(plainCanonicalJson(value)).toBeNull();
      expect(ours(value)).toEqual(reference(value));
    }
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(plainCanonicalJson(cycle)).toBeNull();
    expect(() => canonicalJson(cycle)).toThrow(/Circular/);
  });

  it('orders member names by UTF-16 code units, as RFC 8785 requires', () => {
    // U+1F600 sorts after U+FF61 by code point, but before it by UTF-16 code units (0xD83D < 0xFF61).
    const value = { '\uff61': 2, '\u{1F600}': 1, é: 3, Z: 4, a: 5, '': 6 };
    expect(canonicalJson(value)).toBe('{"":6,"Z":4,"a":5,"é":3,"😀":1,"｡":2}');
    expect(canonicalJson(value)).toBe(canonicalize(value));
  });
});
