/**
 * The whole check of a handed-over bundle file, as the verify screen shows it and as an import
 * requires it: the file's form (bundle-file.ts), the verdict on the log (the same `verifyBundle`
 * the command line uses), and for a ZIP every evidence file against the digest the log records.
 * Evidence bytes are hashed one file at a time and not kept: importing reads them again.
 */
import { erasedDigests } from '../../../machines/process/process.queries.ts';
import type { Sha256Hex } from '../crypto/sha256.ts';
import type { ProcessEngine } from '../process-engine.ts';
import { type Verdict, verifyBundle } from '../verify.ts';
import { type BundleFile, type BundleFileProblem, readBundleFile } from './bundle-file.ts';
import { type ZipEntry, ZipReadError } from './zip-reader.ts';

/**
 * ok: the file is there and its bytes have the digest the log records.
 * mismatch: the file is there, but its bytes are something else (or it is damaged): an error.
 * missing: the log names a file the ZIP does not hold ("not included"). No error: an export
 *   leaves out files the exporting device does not have, and the log still proves their digest.
 * erased: the log records that this content was erased; its absence is expected.
 * erasedButPresent: erased per the log, yet the ZIP holds exactly these bytes: personal data that
 *   should be gone is in the archive. A warning, not a defect of the log; it is not imported.
 * notInIndex: the ZIP holds a file the log never mentions; it is not imported.
 */
export type EvidenceFileStatus = 'ok' | 'mismatch' | 'missing' | 'erased' | 'erasedButPresent' | 'notInIndex';

export interface EvidenceFileRow {
  sha256: string;
  /** The file name(s) and titles the log gives this digest; empty for notInIndex. */
  names: string[];
  titles: string[];
  mediaType: string | null;
  size: number;
  status: EvidenceFileStatus;
}

export type CheckedFile = Extract<BundleFile, { ok: true }>;

export type BundleCheck =
  | { ok: false; problem: BundleFileProblem }
  | { ok: true; file: CheckedFile; verdict: Verdict; evidence: EvidenceFileRow[] | null };

export type CheckProgress = (done: number, total: number) => void;

/** Every digest of a file revision the bundle's evidence index names, with what it says about it. */
function fileDigests(file: CheckedFile): Map<string, { names: string[]; titles: string[]; mediaType: string | null; size: number }> {
  const byDigest = new Map<string, { names: string[]; titles: string[]; mediaType: string | null; size: number }>();
  for (const entry of file.bundle.evidence) {
    if (entry.contentType !== 'file') continue;
    const row = byDigest.get(entry.sha256) ?? { names: [], titles: [], mediaType: entry.mediaType, size: entry.size ?? 0 };
    if (entry.name && !row.names.includes(entry.name)) row.names.push(entry.name);
    if (!row.titles.includes(entry.title)) row.titles.push(entry.title);
    byDigest.set(entry.sha256, row);
  }
  return byDigest;
}

/** Reads one evidence entry and says whether its bytes have the digest its name claims (a damaged entry has not). */
export async function entryMatches(
  file: CheckedFile & { kind: 'zip' },
  entry: ZipEntry,
  digest: string,
  sha256: Sha256Hex,
): Promise<boolean> {
  try {
    return (await sha256(await file.zip.read(entry))) === digest;
  } catch (error) {
    if (error instanceof ZipReadError) return false;
    throw error;
  }
}

export async function checkEvidence(
  file: CheckedFile,
  verdict: Verdict,
  sha256: Sha256Hex,
  onProgress?: CheckProgress,
): Promise<EvidenceFileRow[] | null> {
  if (file.kind !== 'zip') return null;
  // What the log says was erased is only known from a log that verified.
  const erased = verdict.status === 'intact' ? erasedDigests(verdict.snapshot.context) : new Set<string>();
  const indexed = fileDigests(file);
  const rows: EvidenceFileRow[] = [];
  const total = [...file.evidence.values()].reduce((sum, e) => sum + e.size, 0);
  let done = 0;
  onProgress?.(0, total);
  for (const [digest, info] of indexed) {
    const entry = file.evidence.get(digest);
    let status: EvidenceFileStatus;
    if (!entry) status = erased.has(digest) ? 'erased' : 'missing';
    else {
      const matches = entry.size === info.size && (await entryMatches(file, entry, digest, sha256));
      status = !matches ? 'mismatch' : erased.has(digest) ? 'erasedButPresent' : 'ok';
      done += entry.size;
      onProgress?.(done, total);
    }
    rows.push({ sha256: digest, ...info, status });
  }
  for (const [digest, entry] of file.evidence) {
    if (!indexed.has(digest)) rows.push({ sha256: digest, names: [], titles: [], mediaType: null, size: entry.size, status: 'notInIndex' });
  }
  return rows;
}

/** Form, log and evidence of a bundle file. Never throws for anything inside the file. */
export async function checkBundleFile(eng: ProcessEngine, blob: Blob, sha256: Sha256Hex, onProgress?: CheckProgress): Promise<BundleCheck> {
  const file = await readBundleFile(blob);
  if (!file.ok) return file;
  const verdict = await verifyBundle(eng, file.bundle, sha256);
  const evidence = await checkEvidence(file, verdict, sha256, onProgress);
  return { ok: true, file, verdict, evidence };
}
