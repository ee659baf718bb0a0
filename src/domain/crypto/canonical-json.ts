/**
 * Canonical JSON (RFC 8785, JCS) for everything that is hashed or signed. Object key order,
 * whitespace and number formatting are fixed by the RFC, so an auditor's own script in any
 * language computes the same bytes. We use the `canonicalize` package (the reference
 * implementation by one of the RFC's authors) rather than our own serialiser.
 */
import canonicalize from 'canonicalize';
import { utf8 } from './encoding.ts';

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no JSON representation');
  return text;
}

export function canonicalBytes(value: unknown): Uint8Array {
  return utf8(canonicalJson(value));
}
