/**
 * The first steps of reading any file someone hands over (bundles, sign-off files, backups): its
 * size against a limit before anything is decoded, then strict JSON (strict-json.ts), which also
 * refuses invalid UTF-8 and keys that could pollute prototypes for every format alike. What the
 * JSON means is each format's own schema, checked with `parseBounded` (schema-check.ts).
 */
import { parseStrictJson, type StrictJsonProblem } from './strict-json.ts';

export type { StrictJsonProblem } from './strict-json.ts';

export type JsonBytesProblem = { code: 'tooLarge'; bytes: number; limit: number } | StrictJsonProblem;

export function parseJsonBytes(bytes: Uint8Array, limit: number): { ok: true; json: unknown } | { ok: false; problem: JsonBytesProblem } {
  if (bytes.length > limit) return { ok: false, problem: { code: 'tooLarge', bytes: bytes.length, limit } };
  return parseStrictJson(bytes);
}
