/**
 * A file someone hands over as an audit bundle: plain JSON (`ankerpunkt export`) or a ZIP with
 * the evidence files beside it. Which one is decided by the first bytes, not by the name. The
 * result is one typed value: the parsed bundle with, for a ZIP, where each evidence file sits,
 * or the first problem with a code the screens and tests can name.
 *
 * ZIP layout (fixed): `bundle.json`, `evidence/<sha256>` (lower-case hex, no extension) per
 * evidence file, optionally `LIESMICH.txt`. Anything else is reported and never extracted.
 */
import { AuditBundle, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from '../bundle.ts';
import { parseJsonBytes } from '../json-bytes.ts';
import { COMMAND_PARSE, formatPath, schemaIssues } from '../schema-reasons.ts';
import { type InvalidProblem, MAX_BUNDLE_BYTES } from '../verify.ts';
import { BUNDLE_ZIP_LIMITS, looksLikeZip, openZip, type ZipArchive, type ZipEntry, type ZipProblem, ZipReadError } from './zip-reader.ts';

export const BUNDLE_ENTRY = 'bundle.json';
export const README_ENTRY = 'LIESMICH.txt';
export const EVIDENCE_PREFIX = 'evidence/';
const EVIDENCE_NAME = /^evidence\/([0-9a-f]{64})$/;

/** Keys that, copied into an object by careless code elsewhere, would change every object. */
const POLLUTING_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type BundleFileProblem = InvalidProblem | ZipProblem | { code: 'pollutingKey'; path: string } | { code: 'zipNoBundle' };

export type BundleFile =
  | { ok: true; kind: 'json'; bundle: AuditBundle; bytes: number }
  | {
      ok: true;
      kind: 'zip';
      bundle: AuditBundle;
      bytes: number;
      zip: ZipArchive;
      /** Evidence entries by the digest their name claims. */
      evidence: Map<string, ZipEntry>;
      /** Entries outside the layout: named to the user, never extracted. */
      ignored: string[];
    }
  | { ok: false; problem: BundleFileProblem };

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

type Parsed = { ok: true; bundle: AuditBundle } | { ok: false; problem: BundleFileProblem };

/**
 * The bundle in JSON bytes. The same checks in the same order as `parseBundle` (so the verdict
 * reads as the command line's), with one more: no key that could pollute prototypes.
 */
export function parseBundleJson(bytes: Uint8Array): Parsed {
  const read = parseJsonBytes(bytes, MAX_BUNDLE_BYTES);
  if (!read.ok) return read;
  const { json } = read;
  const polluting = findPollutingKey(json);
  if (polluting !== null) return { ok: false, problem: { code: 'pollutingKey', path: polluting } };
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== BUNDLE_FORMAT) {
    return { ok: false, problem: { code: 'notBundle' } };
  }
  const version = (json as { formatVersion?: unknown }).formatVersion;
  if (version !== BUNDLE_FORMAT_VERSION) return { ok: false, problem: { code: 'wrongVersion', got: version } };
  const parsed = AuditBundle.safeParse(json, COMMAND_PARSE);
  if (!parsed.success) {
    return { ok: false, problem: { code: 'schema', issues: schemaIssues(parsed.error) } };
  }
  // The events as they were written, not as the schema rebuilt them: the schema has no defaults
  // or transforms, so they hold the same values, but the schema orders members its own way, and
  // a re-export of an imported log should give the very same bytes.
  return { ok: true, bundle: { ...parsed.data, events: (json as { events: AuditBundle['events'] }).events } };
}

async function readZipBundle(blob: Blob): Promise<BundleFile> {
  const opened = await openZip(blob, BUNDLE_ZIP_LIMITS);
  if (!opened.ok) return opened;
  const { zip } = opened;
  const entry = zip.get(BUNDLE_ENTRY);
  if (!entry) return { ok: false, problem: { code: 'zipNoBundle' } };
  if (entry.size > MAX_BUNDLE_BYTES) return { ok: false, problem: { code: 'tooLarge', bytes: entry.size, limit: MAX_BUNDLE_BYTES } };
  let bytes: Uint8Array;
  try {
    bytes = await zip.read(entry);
  } catch (error) {
    if (error instanceof ZipReadError) return { ok: false, problem: { code: 'zipCorrupt', detail: error.message } };
    throw error;
  }
  const parsed = parseBundleJson(bytes);
  if (!parsed.ok) return parsed;
  const evidence = new Map<string, ZipEntry>();
  const ignored: string[] = [];
  for (const e of zip.entries) {
    const digest = EVIDENCE_NAME.exec(e.name)?.[1];
    if (digest) evidence.set(digest, e);
    else if (e.name !== BUNDLE_ENTRY && e.name !== README_ENTRY && e.name !== EVIDENCE_PREFIX) ignored.push(e.name);
  }
  return { ok: true, kind: 'zip', bundle: parsed.bundle, bytes: blob.size, zip, evidence, ignored };
}

/** Reads a bundle file, JSON or ZIP. Never throws for anything inside the file. */
export async function readBundleFile(blob: Blob): Promise<BundleFile> {
  const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  if (looksLikeZip(head)) return readZipBundle(blob);
  // Refused before reading, so a huge file is never loaded.
  if (blob.size > MAX_BUNDLE_BYTES) return { ok: false, problem: { code: 'tooLarge', bytes: blob.size, limit: MAX_BUNDLE_BYTES } };
  const parsed = parseBundleJson(new Uint8Array(await blob.arrayBuffer()));
  return parsed.ok ? { ok: true, kind: 'json', bundle: parsed.bundle, bytes: blob.size } : parsed;
}
