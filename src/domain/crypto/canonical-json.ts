/**
 * Canonical JSON (RFC 8785, JCS) for everything that is hashed or signed. Object key order,
 * whitespace and number formatting are fixed by the RFC, so an auditor's own script in any
 * language computes the same bytes. The `canonicalize` package (the reference implementation by
 * one of the RFC's authors) defines the result; the values we hash are written by a faster
 * serialiser for their shape (plain-canonical.ts), which gives the same text or declines, and
 * whatever it declines goes to the package.
 */
import canonicalize from 'canonicalize';
import { utf8 } from './encoding.ts';
import { plainCanonicalJson } from './plain-canonical.ts';

function general(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no JSON representation');
  return text;
}

export function canonicalJson(value: unknown): string {
  return plainCanonicalJson(value) ?? general(value);
}

/** The canonical JSON of an object without the top-level members named in `omit`. */
export function canonicalJsonWithout(value: object, omit: ReadonlySet<string>): string {
  const fast = plainCanonicalJson(value, omit);
  if (fast !== null) return fast;
  const kept = { ...value } as Record<string, unknown>;
  for (const name of omit) delete kept[name];
  return general(kept);
}

export function canonicalBytes(value: unknown): Uint8Array {
  return utf8(canonicalJson(value));
}
