/**
 * Sign-off files and the database. On the ambassador's device: a request file from the stored
 * log and evidence files, and a response file appended as the decision it carries. On the
 * director's device: a request file stored as a read-only copy of the process, with the
 * evidence files it brought, so the review and the previews work as for a process of one's own.
 * Every step is all or nothing: a refused file leaves the database as it was.
 */
import { findRequest } from '../../machines/process/process.collections.ts';
import type { Reason } from '../../machines/process/reasons.ts';
import { buildBundle } from '../domain/bundle.ts';
import type { LoggedEvent } from '../domain/chain.ts';
import type { SigningKey } from '../domain/crypto/keys.ts';
import type { Sha256Hex } from '../domain/crypto/sha256.ts';
import type { EventSigner } from '../domain/event-signature.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';
import {
  buildRequestFile,
  checkRequestFile,
  coveredFiles,
  isOpenRequest,
  loggedDecisions,
  MAX_REQUEST_FILE_BYTES,
  parseRequestFile,
  parseResponseFile,
  type RequestProblem,
  type ResponseProblem,
  responseCommand,
  type SignedDecision,
  serializeExchangeFile,
} from '../domain/signoff-exchange.ts';
import type { AnkerpunktDb, StoredFile } from './database.ts';
import { appendCommand, eventsOf, importLog, loadProcess } from './process-store.ts';
import type { StorageProblem } from './storage-errors.ts';

export type ExportProblem =
  | { code: 'requestNotOpen'; requestId: string }
  | { code: 'tooLarge'; bytes: number; limit: number }
  | { code: 'storage'; problem: StorageProblem | { code: 'corrupt'; detail: string } };

/**
 * The request file for an open request: the whole log as a bundle whose head `exporter` signs,
 * and the covered evidence files this device holds (a file whose content was deleted here
 * travels as its digest only, which the log records anyway).
 */
export async function exportRequestFile(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  args: { processId: string; requestId: string; exporter: { personId: string; key: SigningKey }; exportedAt: string },
): Promise<{ ok: true; text: string; missingFiles: string[] } | { ok: false; problem: ExportProblem }> {
  const loaded = await loadProcess(db, eng, args.processId);
  if (!loaded.ok) return { ok: false, problem: { code: 'storage', problem: { code: 'corrupt', detail: loaded.detail } } };
  const { snapshot } = loaded.state;
  const ctx = snapshot.context;
  const request = findRequest(ctx, args.requestId);
  if (!request || !isOpenRequest(ctx, request)) return { ok: false, problem: { code: 'requestNotOpen', requestId: args.requestId } };
  const events = await eventsOf(db, args.processId);
  const wanted = coveredFiles(ctx, request);
  const total = wanted.reduce((sum, f) => sum + f.size, 0);
  // Checked before reading anything: base64 makes files a third larger.
  if ((total * 4) / 3 > MAX_REQUEST_FILE_BYTES) {
    return { ok: false, problem: { code: 'tooLarge', bytes: Math.ceil((total * 4) / 3), limit: MAX_REQUEST_FILE_BYTES } };
  }
  const stored = await db.files.bulkGet(wanted.map((f) => f.sha256));
  const files: { sha256: string; name: string; mediaType: string; bytes: Uint8Array }[] = [];
  const missingFiles: string[] = [];
  for (const [i, f] of wanted.entries()) {
    const row = stored[i];
    if (!row) {
      missingFiles.push(f.name);
      continue;
    }
    if (files.some((x) => x.sha256 === f.sha256)) continue;
    files.push({ sha256: f.sha256, name: f.name, mediaType: f.mediaType, bytes: new Uint8Array(await row.blob.arrayBuffer()) });
  }
  const bundle = await buildBundle({ engine: eng, events, snapshot, exporter: args.exporter, exportedAt: args.exportedAt });
  const text = serializeExchangeFile(buildRequestFile({ bundle, requestId: args.requestId, files }));
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_REQUEST_FILE_BYTES) return { ok: false, problem: { code: 'tooLarge', bytes, limit: MAX_REQUEST_FILE_BYTES } };
  return { ok: true, text, missingFiles };
}

export type OpenRequestProblem =
  | RequestProblem
  /** The process is one of this device's own: decide there, no file needed. */
  | { code: 'ownProcess'; processId: string }
  /** The read-only copy here is already further along the same log (a later request file was opened). */
  | { code: 'olderThanCopy'; processId: string }
  | { code: 'storage'; problem: StorageProblem }
  | { code: 'notStored'; detail: string };

/** Opens a request file for review: verified, then stored as a read-only copy (replacing an older one). */
export async function openRequestFile(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  sha256: Sha256Hex,
  bytes: Uint8Array,
  importedAt: string,
): Promise<{ ok: true; processId: string; requestId: string; replaced: boolean } | { ok: false; problem: OpenRequestProblem }> {
  const parsed = parseRequestFile(bytes);
  if (!parsed.ok) return parsed;
  const checked = await checkRequestFile(eng, parsed.file, sha256);
  if (!checked.ok) return checked;
  const { events, snapshot, request, files } = checked.checked;
  if (await isOlderThanCopy(db, snapshot.context.processId, events)) {
    return { ok: false, problem: { code: 'olderThanCopy', processId: snapshot.context.processId } };
  }
  const stored: StoredFile[] = files.map((f) => ({
    sha256: f.sha256,
    blob: new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.mediaType }),
    size: f.bytes.length,
    mediaType: f.mediaType,
  }));
  const imported = await importLog(db, eng, sha256, events, stored, {
    readOnly: { source: 'signOffRequest', importedAt },
    replaceReadOnly: true,
  });
  const processId = snapshot.context.processId;
  if (!imported.ok) {
    if (imported.kind === 'exists') return { ok: false, problem: { code: 'ownProcess', processId } };
    if (imported.kind === 'storage') return { ok: false, problem: { code: 'storage', problem: imported.problem } };
    return { ok: false, problem: { code: 'notStored', detail: imported.detail } };
  }
  return { ok: true, processId, requestId: request.requestId, replaced: imported.replaced };
}

/** Whether this device's read-only copy of the process holds `events` and more after them. */
async function isOlderThanCopy(db: AnkerpunktDb, processId: string, events: readonly LoggedEvent[]): Promise<boolean> {
  const last = events[events.length - 1];
  const [head, summary] = await Promise.all([db.heads.get(processId), db.processes.get(processId)]);
  if (!last || !head || !summary?.readOnly || head.seq <= last.seq) return false;
  return (await db.events.get([processId, last.seq]))?.hash === last.hash;
}

export type ImportResponseOutcome =
  | { ok: true; event: LoggedEvent }
  | { ok: false; kind: 'file'; problem: ResponseProblem }
  | { ok: false; kind: 'refused'; reasons: Reason[] }
  | { ok: false; kind: 'storage'; problem: StorageProblem | { code: 'corrupt'; detail: string } | { code: 'readOnly' } };

async function decisionsOf(db: AnkerpunktDb, processId: string) {
  const rows = await db.events
    .where('processId')
    .equals(processId)
    .filter((e) => e.type === 'SignOffGranted' || e.type === 'SignOffRefused')
    .toArray();
  return loggedDecisions(rows);
}

/**
 * Reads a response file into this process's log: the decision is appended through the engine,
 * which refuses what must not enter (four eyes, role, key, signature, request state). Importing
 * the same response again appends nothing and says so. The director's signed statement is the
 * decision; the event that places it in this log is signed by `recorder`, who reads it in.
 */
export async function importResponseFile(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  sha256: Sha256Hex,
  processId: string,
  bytes: Uint8Array,
  now: Date,
  recorder: EventSigner | null,
): Promise<ImportResponseOutcome> {
  const parsed = parseResponseFile(bytes);
  if (!parsed.ok) return { ok: false, kind: 'file', problem: parsed.problem };
  const loaded = await loadProcess(db, eng, processId);
  if (!loaded.ok) return { ok: false, kind: 'storage', problem: { code: 'corrupt', detail: loaded.detail } };
  const { snapshot } = loaded.state;
  // Now, but never before the log's last event (ISO times sort as strings).
  const at = [now.toISOString(), snapshot.context.lastAt].sort()[1] as string;
  const prepared = responseCommand(snapshot, parsed.file, await decisionsOf(db, processId), at);
  if (!prepared.ok) return { ok: false, kind: 'file', problem: prepared.problem };
  const outcome = await appendCommand(db, eng, sha256, processId, prepared.command satisfies SignedDecision, recorder);
  if (outcome.ok) return { ok: true, event: outcome.event };
  if (outcome.kind === 'refused') return { ok: false, kind: 'refused', reasons: outcome.reasons };
  return { ok: false, kind: 'storage', problem: outcome.problem };
}
