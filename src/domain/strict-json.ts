/**
 * Strict JSON, read from bytes: the one reader for every file someone hands over (bundles,
 * sign-off request and response files, backups, identity files).
 *
 * Why not `JSON.parse`: it accepts texts that mean two things. With a member named twice
 * (`"seq":2,"seq":1`) it keeps the last value while other libraries keep the first, so an
 * auditor's own reader could see other content than the one Ankerpunkt verified. Number tokens
 * such as `1.0` or `160.00000000000000001` have several spellings for one value, or a value no
 * reader holds exactly; a lone surrogate (`"\ud800"`) is no text at all and cannot be hashed as
 * UTF-8. Here each of these is refused with the JSON path where it stands, as is a byte-order
 * mark and invalid UTF-8 (with its byte offset).
 *
 * Why a parser of its own rather than a check before `JSON.parse`: one pass decides both what the
 * file means and whether it may be read, so the two cannot disagree; and it counts what it builds
 * against a budget proportional to the file's size (`tooDense`), so a file that cannot be a
 * bundle (125 million zeros in one array) is refused after reading a part of it, in memory a
 * small multiple of the file, instead of being built in full before any check.
 */

export type StrictJsonProblem =
  | { code: 'bom' }
  | { code: 'notUtf8'; offset: number }
  | { code: 'notJson'; offset: number; expected: JsonSyntax }
  | { code: 'duplicateKey'; path: string }
  | { code: 'notInteger'; path: string; token: string }
  | { code: 'loneSurrogate'; path: string }
  | { code: 'pollutingKey'; path: string }
  | { code: 'tooDeep'; path: string; limit: number }
  | { code: 'tooDense'; offset: number };

/** What the text should have held where it went wrong. */
export type JsonSyntax =
  | 'value'
  | 'memberName'
  | 'colon'
  | 'objectEnd'
  | 'arrayEnd'
  | 'digit'
  | 'stringEnd'
  | 'controlCharacter'
  | 'escape'
  | 'end';

export type StrictJsonResult = { ok: true; json: unknown } | { ok: false; problem: StrictJsonProblem };

/** Nothing Ankerpunkt writes nests deeper than about ten levels. */
export const MAX_DEPTH = 64;

/** Keys that, copied into an object by careless code elsewhere, would change every object. */
const POLLUTING_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What building a value costs, in estimated bytes of heap, and how much may be built per byte of
 * file. Strings are slices of the decoded text, so their characters are counted once, with the
 * text. A real bundle builds about 1.1 estimated bytes per byte of file (long strings: hashes,
 * signatures, texts); an array of zeros builds 4, of empty objects 13. The budget leaves real
 * files a margin of about 2 over any stretch and stops dense ones early (decisions.md, "Reading strictly").
 */
const COST = { slot: 8, string: 32, object: 40, member: 16 } as const;
const BUDGET_PER_BYTE = 2;
const BUDGET_BASE = 1 << 20;

class Refusal {
  constructor(readonly problem: StrictJsonProblem) {}
}

/** `events[12].payload.comment`: array positions in brackets, as a reader of the JSON sees them. */
export function formatJsonPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) out = typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key;
  return out;
}

/** Length of the valid UTF-8 sequence starting at `at` (a byte >= 0x80), or 0 (RFC 3629). */
function utf8SequenceLength(b: Uint8Array, at: number): number {
  const c = b[at] as number;
  const cont = (i: number) => {
    const x = b[at + i];
    return x !== undefined && (x & 0xc0) === 0x80;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const c1 = b[at + 1] ?? 0;
    // No overlong forms (E0 80..9F) and no surrogates (ED A0..BF): neither is UTF-8.
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f)) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const c1 = b[at + 1] ?? 0;
    if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** The offset of the first byte that is not part of valid UTF-8. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let at = 0; at < b.length; ) {
    if ((b[at] as number) < 0x80) at++;
    else {
      const length = utf8SequenceLength(b, at);
      if (length === 0) return at;
      at += length;
    }
  }
  return b.length;
}

const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const SIMPLE_ESCAPES: Record<number, string> = { 34: '"', 92: '\\', 47: '/', 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t' };

/**
 * Runs over the decoded text (the decoder checks UTF-8 natively, and strings are taken as
 * slices of it, which is what makes this about as quick as `JSON.parse`); positions are turned
 * into byte offsets only for a refusal.
 */
class Parser {
  private at = 0;
  private readonly path: (string | number)[] = [];
  private cost = 0;
  private readonly end: number;

  constructor(private readonly t: string) {
    this.end = t.length;
  }

  parse(): unknown {
    const value = this.value(0);
    this.skipBlanks();
    if (this.at < this.end) this.fail('end');
    return value;
  }

  private offset(): number {
    return utf8Length(this.t.slice(0, this.at));
  }

  private fail(expected: JsonSyntax): never {
    throw new Refusal({ code: 'notJson', offset: this.offset(), expected });
  }

  private refuse(code: 'duplicateKey' | 'loneSurrogate' | 'pollutingKey', key?: string): never {
    const path = key === undefined ? this.path : [...this.path, key];
    throw new Refusal({ code, path: formatJsonPath(path) });
  }

  /**
   * Measured against what has been read so far, not against the whole file: a dense file is
   * refused after its first megabyte or so, whatever its length.
   */
  private spend(bytes: number): void {
    this.cost += bytes;
    if (this.cost > BUDGET_BASE + BUDGET_PER_BYTE * this.at) throw new Refusal({ code: 'tooDense', offset: this.offset() });
  }

  private skipBlanks(): void {
    const t = this.t;
    let at = this.at;
    let c = t.charCodeAt(at);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = t.charCodeAt(++at);
    this.at = at;
  }

  private value(depth: number): unknown {
    this.skipBlanks();
    const c = this.t.charCodeAt(this.at);
    switch (c) {
      case 0x7b:
        return this.object(depth + 1);
      case 0x5b:
        return this.array(depth + 1);
      case 0x22:
        return this.string();
      case 0x74:
        return this.word('true', true);
      case 0x66:
        return this.word('false', false);
      case 0x6e:
        return this.word('null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
        return this.fail('value');
    }
  }

  private word<T>(text: string, value: T): T {
    if (!this.t.startsWith(text, this.at)) this.fail('value');
    this.at += text.length;
    this.spend(COST.slot);
    return value;
  }

  private enter(depth: number): void {
    if (depth > MAX_DEPTH) throw new Refusal({ code: 'tooDeep', path: formatJsonPath(this.path), limit: MAX_DEPTH });
  }

  private object(depth: number): Record<string, unknown> {
    this.enter(depth);
    this.at++;
    this.spend(COST.object);
    const out: Record<string, unknown> = {};
    this.skipBlanks();
    if (this.t.charCodeAt(this.at) === 0x7d) {
      this.at++;
      return out;
    }
    for (;;) {
      this.skipBlanks();
      if (this.t.charCodeAt(this.at) !== 0x22) this.fail('memberName');
      const key = this.string();
      // Refused before it is assigned: `out["__proto__"] = …` would set the prototype.
      if (POLLUTING_KEYS.has(key)) this.refuse('pollutingKey', key);
      if (Object.hasOwn(out, key)) this.refuse('duplicateKey', key);
      this.skipBlanks();
      if (this.t.charCodeAt(this.at) !== 0x3a) this.fail('colon');
      this.at++;
      this.spend(COST.member);
      this.path.push(key);
      out[key] = this.value(depth);
      this.path.pop();
      this.skipBlanks();
      const c = this.t.charCodeAt(this.at);
      if (c === 0x7d) {
        this.at++;
        return out;
      }
      if (c !== 0x2c) this.fail('objectEnd');
      this.at++;
    }
  }

  private array(depth: number): unknown[] {
    this.enter(depth);
    this.at++;
    this.spend(COST.object);
    const out: unknown[] = [];
    this.skipBlanks();
    if (this.t.charCodeAt(this.at) === 0x5d) {
      this.at++;
      return out;
    }
    const level = this.path.length;
    this.path.push(0);
    for (let index = 0; ; index++) {
      this.path[level] = index;
      out.push(this.value(depth));
      this.skipBlanks();
      const c = this.t.charCodeAt(this.at);
      if (c === 0x5d) break;
      if (c !== 0x2c) this.fail('arrayEnd');
      this.at++;
    }
    this.at++;
    this.path.pop();
    return out;
  }

  /** A string starting at its opening quote. */
  private string(): string {
    const t = this.t;
    const start = this.at + 1;
    let at = start;
    for (;;) {
      const c = t.charCodeAt(at);
      if (c === 0x22) break;
      if (c === 0x5c) {
        this.at = at;
        return this.escapedString(start);
      }
      if (c < 0x20 || at >= this.end) {
        this.at = at;
        this.fail(at >= this.end ? 'stringEnd' : 'controlCharacter');
      }
      at++;
    }
    this.at = at + 1;
    this.spend(COST.string);
    return t.slice(start, at);
  }

  /**
   * The rest of a string from its first backslash. A `\uD800`-`\uDBFF` escape must be followed
   * at once by a `\uDC00`-`\uDFFF` escape, and a low one preceded by a high one. Characters
   * written as UTF-8 cannot be lone surrogates (the decoder refuses them), so only escapes can.
   */
  private escapedString(start: number): string {
    const t = this.t;
    const parts: string[] = [t.slice(start, this.at)];
    let runStart = this.at;
    let pendingHigh = false;
    for (;;) {
      if (this.at >= this.end) this.fail('stringEnd');
      const c = t.charCodeAt(this.at);
      if (c === 0x22 || c === 0x5c) {
        if (this.at > runStart) {
          if (pendingHigh) this.refuse('loneSurrogate');
          parts.push(t.slice(runStart, this.at));
        }
        if (c === 0x22) break;
        const e = t.charCodeAt(this.at + 1);
        if (e === 0x75) {
          for (let i = 2; i < 6; i++) {
            if (!isHex(t.charCodeAt(this.at + i))) {
              this.at++;
              this.fail('escape');
            }
          }
          const unit = Number.parseInt(t.slice(this.at + 2, this.at + 6), 16);
          const high = unit >= 0xd800 && unit <= 0xdbff;
          const low = unit >= 0xdc00 && unit <= 0xdfff;
          if (pendingHigh !== low) this.refuse('loneSurrogate');
          pendingHigh = high;
          parts.push(String.fromCharCode(unit));
          this.at += 6;
        } else {
          const simple = SIMPLE_ESCAPES[e];
          if (simple === undefined) {
            this.at++;
            this.fail('escape');
          }
          if (pendingHigh) this.refuse('loneSurrogate');
          parts.push(simple);
          this.at += 2;
        }
        runStart = this.at;
        continue;
      }
      if (c < 0x20) this.fail('controlCharacter');
      this.at++;
    }
    if (pendingHigh) this.refuse('loneSurrogate');
    this.at++;
    const text = parts.join('');
    this.spend(COST.string + text.length);
    return text;
  }

  /**
   * Only plain integers that every reader holds exactly: no fraction, no exponent, no `-0`, at
   * most 2^53 - 1 in size. Ankerpunkt writes no other numbers; other spellings of the same value
   * (`1.0`, `1e0`) would let two files with the same content have different bytes.
   */
  private number(): number {
    const t = this.t;
    const start = this.at;
    let at = start;
    const negative = t.charCodeAt(at) === 0x2d;
    if (negative) at++;
    const first = t.charCodeAt(at);
    if (!(first >= 0x30 && first <= 0x39)) {
      this.at = at;
      this.fail('digit');
    }
    let value = 0;
    if (first === 0x30) at++;
    else for (let c = first; c >= 0x30 && c <= 0x39; c = t.charCodeAt(++at)) value = value * 10 + (c - 0x30);
    let plain = true;
    if (t.charCodeAt(at) === 0x2e) {
      plain = false;
      at = this.digits(at + 1);
    }
    const e = t.charCodeAt(at);
    if (e === 0x65 || e === 0x45) {
      plain = false;
      const sign = t.charCodeAt(at + 1);
      at = this.digits(sign === 0x2b || sign === 0x2d ? at + 2 : at + 1);
    }
    this.at = at;
    this.spend(COST.slot);
    if (!plain || (negative && value === 0) || !Number.isSafeInteger(value)) {
      const token = t.slice(start, Math.min(at, start + 40));
      throw new Refusal({ code: 'notInteger', path: formatJsonPath(this.path), token: at - start > 40 ? `${token}…` : token });
    }
    return negative ? -value : value;
  }

  /** The position after a run of at least one digit starting at `at`. */
  private digits(at: number): number {
    let end = at;
    for (let c = this.t.charCodeAt(end); c >= 0x30 && c <= 0x39; c = this.t.charCodeAt(++end));
    if (end === at) {
      this.at = at;
      this.fail('digit');
    }
    return end;
  }
}

/** Reads bytes as strict JSON. Never throws for anything in the bytes. */
export function parseStrictJson(bytes: Uint8Array): StrictJsonResult {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { ok: false, problem: { code: 'bom' } };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, problem: { code: 'notUtf8', offset: firstInvalidUtf8(bytes) } };
  }
  try {
    return { ok: true, json: new Parser(text).parse() };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.problem };
    throw error;
  }
}
