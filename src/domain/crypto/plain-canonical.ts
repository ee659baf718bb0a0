/**
 * RFC 8785 (JCS) for the values we actually hash and sign: plain objects and arrays of strings,
 * integers, booleans and null, as the strict reader and the event schemas guarantee. Checking a
 * chain is mostly canonicalisation, and the general `canonicalize` package spends its time on what
 * these values never need (an explicit stack of frames, a set for cycles, `toJSON`, boxed values).
 *
 * It gives the very same text as `canonicalize` or none: `null` for any value outside that shape
 * (a fraction, a Date, a class instance, `toJSON`, a function, nesting deeper than any event), so
 * that the caller falls back to the package instead of deciding such a case itself. Both order
 * member names by UTF-16 code units (`sort()` without a comparator, as the RFC requires) and
 * write strings as `JSON.stringify` does, which for well-formed strings is the RFC's escaping.
 */

/** Deeper than any event or statement; a cycle reaches it too, and the fallback names the cycle. */
const MAX_DEPTH = 32;

/** Strings that need no escaping: printable ASCII without `"` and `\`. Most values are. */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

class OutsidePlainJson extends Error {}
const OUTSIDE = new OutsidePlainJson();

function quoted(text: string): string {
  if (PLAIN_ASCII.test(text)) return `"${text}"`;
  // A lone surrogate has no UTF-8 form: `canonicalize` refuses it, and so does the fallback.
  if (!text.isWellFormed()) throw OUTSIDE;
  return JSON.stringify(text);
}

/**
 * Caches, bounded so that odd input (a record with many distinct names) cannot grow them: the
 * written form `"name":` of each member name, and the sorted order of each list of names as
 * `Object.keys` gives it. Events of one type share their names in one order, so sorting them
 * again for every event is what the second cache saves; it is found by the first name and
 * compared name by name, which is cheaper than the sort.
 */
const MAX_CACHED = 2048;
const memberNames = new Map<string, string>();
const sortedByFirstName = new Map<string, { given: readonly string[]; sorted: readonly string[] }[]>();

function memberName(name: string): string {
  let written = memberNames.get(name);
  if (written === undefined) {
    written = `${quoted(name)}:`;
    if (memberNames.size < MAX_CACHED) memberNames.set(name, written);
  }
  return written;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sortedNames(names: string[]): readonly string[] {
  if (names.length < 2) return names;
  const first = names[0] as string;
  const known = sortedByFirstName.get(first);
  if (known) for (const entry of known) if (sameNames(entry.given, names)) return entry.sorted;
  const sorted = [...names].sort();
  if (sortedByFirstName.size < MAX_CACHED && (known?.length ?? 0) < 16) {
    if (known) known.push({ given: names, sorted });
    else sortedByFirstName.set(first, [{ given: names, sorted }]);
  }
  return sorted;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

function member(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'number':
      if (!Number.isInteger(value)) throw OUTSIDE;
      return `${value}`;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return undefined;
    case 'object':
      if (value === null) return 'null';
      if (depth >= MAX_DEPTH) throw OUTSIDE;
      return Array.isArray(value) ? array(value, depth + 1) : object(value, depth + 1);
    default:
      throw OUTSIDE;
  }
}

function array(value: readonly unknown[], depth: number): string {
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') throw OUTSIDE;
  let out = '[';
  for (let i = 0; i < value.length; i++) {
    if (i > 0) out += ',';
    // As in JSON.stringify, an element without a JSON form (here: undefined, a hole) is null.
    out += member(value[i], depth) ?? 'null';
  }
  return `${out}]`;
}

function object(value: object, depth: number, omit?: ReadonlySet<string>): string {
  if (!isPlainObject(value)) throw OUTSIDE;
  const record = value as Record<string, unknown>;
  const names = sortedNames(Object.keys(record));
  let out = '{';
  let first = true;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (omit?.has(name)) continue;
    const text = member(record[name], depth);
    if (text === undefined) continue; // as in JSON.stringify, a member set to undefined is left out
    out += first ? memberName(name) + text : `,${memberName(name)}${text}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * The canonical JSON of `value` when it is plain JSON data with integers only, else null.
 * `omit` names top-level members to leave out (an event's `hash` and `signature`), which saves
 * copying the event to drop them.
 */
export function plainCanonicalJson(value: unknown, omit?: ReadonlySet<string>): string | null {
  try {
    if (omit && typeof value === 'object' && value !== null && !Array.isArray(value)) return object(value, 1, omit);
    return member(value, 0) ?? null;
  } catch (error) {
    if (error === OUTSIDE) return null;
    throw error;
  }
}
