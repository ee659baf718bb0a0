/**
 * A file someone hands over as an audit bundle: plain JSON (`ankerpunkt export`) or a ZIP with
 * the evidence files beside it. Which one is decided by the first bytes, not by the name. The
 * result is one typed value: the parsed bundle with, for a ZIP, where each evidence file sits,
 * or the first problem with a code the screens and tests can name.
 *
 * ZIP layout (fixed): `bundle.json` first, then `evidence/<sha256>` (lower-case hex, no
 * extension) per evidence file, optionally `LIESMICH.txt` and the folder entry `evidence/`.
 * Anything else is named to the user and never read. bundle.json must come first so that a
 * reader streaming the archive from its start meets the log before any file it vouches for.
 */
import type { AuditBundle } from '../bundle.ts';
import { type InvalidProblem, MAX_BUNDLE_BYTES, parseBundle } from '../verify.ts';
import { BUNDLE_ZIP_LIMITS, looksLikeZip, openZip, type ZipArchive, type ZipEntry, type ZipProblem, ZipReadError } from './zip-reader.ts';

export const BUNDLE_ENTRY = 'bundle.json';
export const README_ENTRY = 'LIESMICH.txt';
export const EVIDENCE_PREFIX = 'evidence/';
const EVIDENCE_NAME = /^evidence\/([0-9a-f]{64})$/;

export type BundleFileProblem = InvalidProblem | ZipProblem | { code: 'zipNoBundle' } | { code: 'zipBundleNotFirst'; first: string };

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
      /** Entries outside the layout, in file order: named to the user, never read. */
      ignored: string[];
    }
  | { ok: false; problem: BundleFileProblem };

/** Whether an entry belongs to the layout without being evidence (those are matched by EVIDENCE_NAME). */
const isLayoutEntry = (name: string) => name === BUNDLE_ENTRY || name === README_ENTRY || name === EVIDENCE_PREFIX;

function sortEntries(zip: ZipArchive): { evidence: Map<string, ZipEntry>; ignored: string[] } {
  const evidence = new Map<string, ZipEntry>();
  const ignored: string[] = [];
  for (const e of zip.entries) {
    const digest = EVIDENCE_NAME.exec(e.name)?.[1];
    if (digest) evidence.set(digest, e);
    else if (!isLayoutEntry(e.name)) ignored.push(e.name);
  }
  return { evidence, ignored };
}

async function readZipBundle(blob: Blob): Promise<BundleFile> {
  const opened = await openZip(blob, BUNDLE_ZIP_LIMITS);
  if (!opened.ok) return opened;
  const { zip } = opened;
  const entry = zip.get(BUNDLE_ENTRY);
  if (!entry) return { ok: false, problem: { code: 'zipNoBundle' } };
  const first = zip.entries[0] as ZipEntry;
  if (first !== entry) return { ok: false, problem: { code: 'zipBundleNotFirst', first: first.name } };
  if (entry.size > MAX_BUNDLE_BYTES) return { ok: false, problem: { code: 'tooLarge', bytes: entry.size, limit: MAX_BUNDLE_BYTES } };
  let bytes: Uint8Array;
  try {
    bytes = await zip.read(entry);
  } catch (error) {
    if (error instanceof ZipReadError) return { ok: false, problem: error.problem };
    throw error;
  }
  const parsed = parseBundle(bytes);
  if (!parsed.ok) return parsed;
  return { ok: true, kind: 'zip', bundle: parsed.bundle, bytes: blob.size, zip, ...sortEntries(zip) };
}

/** Reads a bundle file, JSON or ZIP. Never throws for anything inside the file. */
export async function readBundleFile(blob: Blob): Promise<BundleFile> {
  const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  if (looksLikeZip(head)) return readZipBundle(blob);
  // Refused before reading, so a huge file is never loaded.
  if (blob.size > MAX_BUNDLE_BYTES) return { ok: false, problem: { code: 'tooLarge', bytes: blob.size, limit: MAX_BUNDLE_BYTES } };
  const parsed = parseBundle(new Uint8Array(await blob.arrayBuffer()));
  return parsed.ok ? { ok: true, kind: 'json', bundle: parsed.bundle, bytes: blob.size } : parsed;
}
