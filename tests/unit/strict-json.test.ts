import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { parseBounded } from '../../src/domain/schema-check.ts';
import { parseStrictJson, type StrictJsonProblem } from '../../src/domain/strict-json.ts';
import { isJsonProblem, jsonProblemText } from '../../src/i18n/json-problems.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const read = (text: string | Uint8Array) => parseStrictJson(typeof text === 'string' ? utf8(text) : text);
const problem = (text: string | Uint8Array) => {
  const result = read(text);
  return result.ok ? null : result.problem;
};

describe('strict JSON', () => {
  it('reads what JSON.parse reads, for the JSON Ankerpunkt writes', () => {
    const texts = [
      '{"a":1,"b":[true,false,null,"x"],"c":{"d":-12,"e":""}}',
      ' [ 1 , 2 ] ',
      '"\\u00e4\\n\\t\\"\\\\\\/\\b\\f\\r"',
      '"😀 Grüße „Zitat“ – €"',
      '"\\ud83d\\ude00"',
      `{"n":${Number.MAX_SAFE_INTEGER},"m":${-Number.MAX_SAFE_INTEGER}}`,
      '0',
      '[[[[]]],{}]',
    ];
    for (const text of texts) expect(read(text)).toEqual({ ok: true, json: JSON.parse(text) });
  });

  it('agrees with JSON.parse on any JSON value with whole numbers and distinct member names', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary' }),
        fc.maxSafeInteger(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 5 }),
        fc.dictionary(
          fc.string({ unit: 'binary' }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k)),
          tie('node'),
          { maxKeys: 5 },
        ),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const text = JSON.stringify(v);
        expect(read(text)).toEqual({ ok: true, json: JSON.parse(text) });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a member name that appears twice, however it is written, with its path', () => {
    expect(problem('{"seq":2,"seq":1}')).toEqual({ code: 'duplicateKey', path: 'seq' });
    expect(problem('{"events":[{"a":1},{"b":1,"b":2}]}')).toEqual({ code: 'duplicateKey', path: 'events[1].b' });
    expect(problem('{"head":{},"x":1,"he\\u0061d":{}}')).toEqual({ code: 'duplicateKey', path: 'head' });
  });

  it('refuses any JSON text in which some object names a member twice', () => {
    const member = fc.stringMatching(/^[a-z]{0,5}$/);
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.integer(),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(member, tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    // The duplicate is spliced into a random object of a random tree: the first, last or a middle member.
    fc.assert(
      fc.property(tree, member, fc.nat(), fc.nat(), (v, key, whichObject, position) => {
        const text = JSON.stringify({ root: v });
        const openings = [...text.matchAll(/\{/g)].map((m) => m.index);
        const at = (openings[whichObject % openings.length] as number) + 1;
        const pair = `${JSON.stringify(key)}:1`;
        const rest = text.slice(at);
        const twice = position % 2 === 0 ? `${pair},${pair}` : `${pair},"~x":0,${pair}`;
        const spliced = `${text.slice(0, at)}${twice}${rest.startsWith('}') ? '' : ','}${rest}`;
        expect(problem(spliced)?.code).toBe('duplicateKey');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses numbers that are not plain whole numbers every reader holds exactly', () => {
    for (const token of ['1.0', '3e0', '160.00000000000000001', '1E2', '-0', '9007199254740993', '12345678901234567890123']) {
      expect(problem(`{"a":[${token}]}`)).toEqual({ code: 'notInteger', path: 'a[0]', token });
    }
    expect(problem('{"a":01}')).toMatchObject({ code: 'notJson', expected: 'objectEnd' });
  });

  it('refuses a byte-order mark, invalid UTF-8 and lone surrogates', () => {
    expect(problem(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toEqual({ code: 'bom' });
    const bad = (bytes: number[]) => problem(new Uint8Array([0x22, 0x61, ...bytes, 0x22]));
    expect(bad([0xff])).toEqual({ code: 'notUtf8', offset: 2 });
    expect(bad([0xc0, 0xaf])).toEqual({ code: 'notUtf8', offset: 2 }); // overlong "/"
    expect(bad([0xed, 0xa0, 0x80])).toEqual({ code: 'notUtf8', offset: 2 }); // a surrogate in UTF-8
    expect(bad([0xe2, 0x82])).toEqual({ code: 'notUtf8', offset: 2 }); // cut short
    expect(bad([0xf4, 0x90, 0x80, 0x80])).toEqual({ code: 'notUtf8', offset: 2 }); // beyond U+10FFFF
    expect(problem('{"t":"\\ud800"}')).toEqual({ code: 'loneSurrogate', path: 't' });
    expect(problem('{"t":"\\udc00\\ud800"}')).toEqual({ code: 'loneSurrogate', path: 't' });
    expect(problem('{"t":"\\ud800x"}')).toEqual({ code: 'loneSurrogate', path: 't' });
    expect(problem('{"t":"\\ud800\\n"}')).toEqual({ code: 'loneSurrogate', path: 't' });
    expect(problem('{"t":"😀\\udc00"}')).toEqual({ code: 'loneSurrogate', path: 't' });
  });

  it('refuses keys that could pollute prototypes, however deep and however written, before assigning them', () => {
    expect(problem('{"a":[{"b":{"\\u005f_proto__":1}}]}')).toEqual({ code: 'pollutingKey', path: 'a[0].b.__proto__' });
    expect(problem('{"a":{"constructor":{"prototype":{}}}}')).toEqual({ code: 'pollutingKey', path: 'a.constructor' });
    expect(read('{"a":[1,2,{"c":"__proto__"}]}').ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses nesting deeper than its limit without exhausting the stack', () => {
    expect(problem(`${'['.repeat(50_000)}${']'.repeat(50_000)}`)).toMatchObject({ code: 'tooDeep', limit: 64 });
    expect(read(`${'['.repeat(60)}${']'.repeat(60)}`).ok).toBe(true);
  });

  it('names what the syntax lacked and where', () => {
    expect(problem('')).toEqual({ code: 'notJson', offset: 0, expected: 'value' });
    expect(problem('{"format": ')).toEqual({ code: 'notJson', offset: 11, expected: 'value' });
    expect(problem('{"a" 1}')).toEqual({ code: 'notJson', offset: 5, expected: 'colon' });
    expect(problem('{a:1}')).toEqual({ code: 'notJson', offset: 1, expected: 'memberName' });
    expect(problem('[1 2]')).toEqual({ code: 'notJson', offset: 3, expected: 'arrayEnd' });
    expect(problem('"a\nb"')).toEqual({ code: 'notJson', offset: 2, expected: 'controlCharacter' });
    expect(problem('"\\x"')).toEqual({ code: 'notJson', offset: 2, expected: 'escape' });
    expect(problem('{} {}')).toEqual({ code: 'notJson', offset: 3, expected: 'end' });
    expect(problem('[tru]')).toMatchObject({ code: 'notJson', expected: 'value' });
  });

  it('stops a file far denser in values than any Ankerpunkt file early, after reading a part of it', () => {
    const zeros = 4_000_000;
    const text = new Uint8Array(2 * zeros + 1);
    text.fill(0x30);
    for (let i = 0; i < zeros; i++) text[2 * i] = i === 0 ? 0x5b : 0x2c;
    text[1] = 0x30;
    text[2 * zeros] = 0x5d;
    const result = problem(text) as Extract<StrictJsonProblem, { code: 'tooDense' }>;
    expect(result.code).toBe('tooDense');
    expect(result.offset).toBeLessThan(2 * 1024 * 1024);
  });

  it('has a German and an English sentence for every problem', () => {
    const all: StrictJsonProblem[] = [
      { code: 'bom' },
      { code: 'notUtf8', offset: 4 },
      { code: 'notJson', offset: 4, expected: 'colon' },
      { code: 'duplicateKey', path: 'events[2].seq' },
      { code: 'notInteger', path: 'events[2].seq', token: '1.0' },
      { code: 'loneSurrogate', path: 'events[2].payload.title' },
      { code: 'pollutingKey', path: 'a.__proto__' },
      { code: 'tooDeep', path: 'a[0]', limit: 64 },
      { code: 'tooDense', offset: 99 },
    ];
    for (const p of all) {
      expect(isJsonProblem(p)).toBe(true);
      const de = jsonProblemText(p, 'de');
      const en = jsonProblemText(p, 'en');
      expect(de).not.toBe(en);
      if ('path' in p) expect(de).toContain(p.path);
      if ('offset' in p) expect(de).toContain(String(p.offset));
    }
    expect(jsonProblemText({ code: 'duplicateKey', path: 'seq' }, 'de')).toContain('zweimal');
  });
});

describe('bounded schema check', () => {
  const Event = z.strictObject({ seq: z.int(), type: z.string(), tags: z.optional(z.array(z.strictObject({ k: z.string() }))) });
  const Bundle = z.strictObject({ format: z.literal('x'), events: z.array(Event).check(z.minLength(1)) });

  it('gives the same answer as zod for valid and invalid values', () => {
    const good = { format: 'x', events: [{ seq: 1, type: 'a', tags: [{ k: 'v' }] }] };
    expect(parseBounded(Bundle, good, z.unknown())).toEqual({ success: true, data: good });
    expect(parseBounded(Bundle, { format: 'x', events: [] }, z.unknown())).toMatchObject({
      success: false,
      issues: [{ path: ['events'] }],
    });
    expect(parseBounded(Bundle, { format: 'x', events: [{ seq: 1, type: 'a', extra: 1 }] }, z.unknown())).toMatchObject({
      success: false,
      issues: [{ path: ['events', 0], code: 'unrecognized_keys' }],
    });
  });

  it('stops at the first failing element, with a handful of issues for a million bad ones', () => {
    const events = Array.from({ length: 1_000_000 }, () => ({}));
    const result = parseBounded(Bundle, { format: 'x', events }, z.unknown());
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.issues.length).toBeLessThanOrEqual(5);
      expect(result.issues[0]?.path.slice(0, 2)).toEqual(['events', 0]);
    }
    const inner = { format: 'x', events: [{ seq: 1, type: 'a', tags: Array.from({ length: 100_000 }, () => ({})) }] };
    const nested = parseBounded(Bundle, inner, z.unknown());
    expect(nested.success || nested.issues[0]?.path).toEqual(['events', 0, 'tags', 0, 'k']);
  });
});
