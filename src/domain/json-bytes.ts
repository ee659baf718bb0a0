/**
 * The first steps of reading any file someone hands over (bundles, sign-off files): its size
 * against a limit before anything is decoded, strict UTF-8 (a wrong encoding is named, not
 * guessed around), then JSON. What the JSON means is each format's own schema.
 */

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
