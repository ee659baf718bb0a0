/**
 * The first steps of reading any file someone hands over (bundles, sign-off files): its size
 * against a limit before anything is decoded, strict UTF-8 (a wrong encoding is named, not
 * guessed around), then JSON. What the JSON means is each format's own schema; keys that could
 * pollute prototypes are refused for every format alike (`findPollutingKey`).
 */
import { formatPath } from './schema-reasons.ts';

export type JsonBytesProblem =
  | { code: 'tooLarge'; bytes: number; limit: number }
  | { code: 'notUtf8' }
  | { code: 'notJson'; message: string };

export function parseJsonBytes(bytes: Uint8Array, limit: number): { ok: true; json: unknown } | { ok: false; problem: JsonBytesProblem } {
  if (bytes.length > limit) return { ok: false, problem: { code: 'tooLarge', bytes: bytes.length, limit } };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: { code: 'notUtf8' } };
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: { code: 'notJson', message: (error as Error).message } };
  }
}

/** Keys that, copied into an object by careless code elsewhere, would change every object. */
const POLLUTING_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface Visit {
  value: unknown;
  key: PropertyKey | null;
  parent: Visit | null;
}

function pathTo(visit: Visit, key: string): string {
  const keys: PropertyKey[] = [key];
  for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) keys.unshift(at.key);
  return formatPath(keys);
}

/**
 * The path of the first key that could pollute prototypes, or null. Iterative, with each node
 * pointing at its parent rather than carrying its whole path: the depth is the sender's choice.
 */
export function findPollutingKey(value: unknown): string | null {
  const stack: Visit[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const node = visit.value;
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ value: node[i], key: i, parent: visit });
      continue;
    }
    for (const key of Object.keys(node)) {
      if (POLLUTING_KEYS.has(key)) return pathTo(visit, key);
      stack.push({ value: (node as Record<string, unknown>)[key], key, parent: visit });
    }
  }
  return null;
}
