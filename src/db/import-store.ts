/**
 * Importing an audit bundle into this device: as a read-only copy (another agency's process, a
 * director reviewing) or as a take-over (this device continues the log, e.g. a new ambassador).
 * The file is checked completely first (form, log, every evidence digest); only a bundle that
 * passes everything is written, and then in one transaction (importLog), so anything invalid
 * leaves the database exactly as it was.
 */
import { erasedDigests } from '../../machines/process/process.queries.ts';
import type { EvidenceIndexEntry } from '../domain/bundle.ts';
import type { Sha256Hex } from '../domain/crypto/sha256.ts';
import type { BundleFileProblem } from '../domain/import/bundle-file.ts';
import { type BundleCheck, type CheckProgress, checkBundleFile } from '../domain/import/check-bundle.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';
import type { Verdict } from '../domain/verify.ts';
import type { AnkerpunktDb, StoredFile } from './database.ts';
import { importLog } from './process-store.ts';
import type { StorageProblem } from './storage-errors.ts';

export type ImportMode = 'readOnly' | 'takeOver';

export type ImportProblem =
  | BundleFileProblem
  | { code: 'broken'; verdict: Extract<Verdict, { status: 'broken' }> }
  | { code: 'evidenceMismatch'; digests: string[] }
  /** An own process with this id is on the device; `sameHead` when it is exactly this log. */
  | { code: 'exists'; processId: string; sameHead: boolean }
  /** A read-only copy here that the bundle does not continue: older, or with another history from `seq` on. */
  | { code: 'notExtending'; status: 'older' | 'diverged'; seq: number; storedCount: number; newCount: number }
  | { code: 'storage'; problem: StorageProblem };

export type BundleImportOutcome =
  | {
      ok: true;
      processId: string;
      mode: ImportMode;
      /** A read-only copy of the same process was replaced. */
      replaced: boolean;
      filesStored: number;
      /** Evidence files the log names that the bundle did not bring (a JSON bundle brings none). */
      filesMissing: number;
      filesErased: number;
      ignored: string[];
    }
  | { ok: false; problem: ImportProblem };

const fail = (problem: ImportProblem): BundleImportOutcome => ({ ok: false, problem });

/** File digests of a JSON bundle (which carries no files) that this device does not hold either. */
async function missingOnDevice(db: AnkerpunktDb, index: readonly EvidenceIndexEntry[], erased: ReadonlySet<string>): Promise<number> {
  const digests = [...new Set(index.filter((e) => e.contentType === 'file' && !erased.has(e.sha256)).map((e) => e.sha256))];
  const have = await db.files.where('sha256').anyOf(digests).primaryKeys();
  return digests.length - have.length;
}

/** Imports what `checkBundleFile` found, if it found nothing wrong. */
export async function importCheckedBundle(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  sha256: Sha256Hex,
  check: BundleCheck,
  mode: ImportMode,
  now: Date,
): Promise<BundleImportOutcome> {
  if (!check.ok) return fail(check.problem);
  const { file, verdict, evidence } = check;
  if (verdict.status === 'broken') return fail({ code: 'broken', verdict });
  if (verdict.status !== 'intact') return fail(verdict.problem);
  const mismatched = (evidence ?? []).filter((row) => row.status === 'mismatch').map((row) => row.sha256);
  if (mismatched.length > 0) return fail({ code: 'evidenceMismatch', digests: mismatched });

  // The files are read and hashed again as they are stored: what is written is what was checked.
  const files: StoredFile[] = [];
  if (file.kind === 'zip') {
    // Only files that match and are not erased per the log: 'erasedButPresent' is never stored.
    const wanted = (evidence ?? []).filter((row) => row.status === 'ok');
    const have = new Set(
      await db.files
        .where('sha256')
        .anyOf(wanted.map((r) => r.sha256))
        .primaryKeys(),
    );
    for (const row of wanted) {
      if (have.has(row.sha256)) continue;
      const entry = file.evidence.get(row.sha256);
      if (!entry) continue;
      const bytes = await file.zip.read(entry);
      if ((await sha256(bytes)) !== row.sha256) {
        return fail({ code: 'evidenceMismatch', digests: [row.sha256] });
      }
      const mediaType = row.mediaType ?? 'application/octet-stream';
      files.push({
        sha256: row.sha256,
        blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }),
        size: bytes.length,
        mediaType,
      });
    }
  }

  const processId = verdict.summary.processId;
  const outcome = await importLog(db, eng, sha256, file.bundle.events, files, {
    replaceReadOnly: true,
    onlyExtending: true,
    ...(mode === 'readOnly'
      ? { readOnly: { source: 'bundle' as const, importedAt: now.toISOString(), exportedAt: verdict.summary.exportedAt } }
      : {}),
  });
  if (!outcome.ok) {
    if (outcome.kind === 'exists') {
      const head = await db.heads.get(processId);
      return fail({ code: 'exists', processId, sameHead: head?.hash === verdict.summary.headHash });
    }
    if (outcome.kind === 'storage') return fail({ code: 'storage', problem: outcome.problem });
    if (outcome.kind === 'notExtending') {
      const { status, seq, storedCount } = outcome;
      return fail({ code: 'notExtending', status, seq, storedCount, newCount: file.bundle.events.length });
    }
    return fail({ code: 'storage', problem: { code: 'failed', detail: outcome.detail } });
  }
  const count = (status: string) => (evidence ?? []).filter((row) => row.status === status).length;
  return {
    ok: true,
    processId,
    mode,
    replaced: outcome.replaced,
    filesStored: files.length,
    filesMissing:
      file.kind === 'zip' ? count('missing') : await missingOnDevice(db, file.bundle.evidence, erasedDigests(verdict.snapshot.context)),
    // Content erased per the log stays off this device even when the ZIP still carries it.
    filesErased: count('erased') + count('erasedButPresent'),
    ignored: file.kind === 'zip' ? file.ignored : [],
  };
}

/** Checks and imports a bundle file (JSON or ZIP) in one call. */
export async function importBundleFile(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  sha256: Sha256Hex,
  blob: Blob,
  mode: ImportMode,
  now: Date,
  onProgress?: CheckProgress,
): Promise<BundleImportOutcome> {
  return importCheckedBundle(db, eng, sha256, await checkBundleFile(eng, blob, sha256, onProgress), mode, now);
}
