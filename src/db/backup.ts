/**
 * Backing up everything on this device to one file, and restoring it on another.
 *
 * The file is a ZIP: `backup.json` (the manifest below), `processes/<processId>.json` (each
 * process's event array) and `evidence/<sha256>` (each evidence file). The logs are the truth:
 * snapshots and start-screen rows are not backed up but rebuilt from the logs on restore.
 * People's profiles travel with their public data; a passphrase profile also with its wrapped
 * key (useless without the passphrase). A device profile's private key never leaves the device
 * (the browser cannot export it), so on restore such a profile gets a new key, which must be
 * registered in the process before it can sign.
 *
 * Restoring checks everything first (every log re-verified, every file's digest), then writes
 * everything in one transaction. A process already here with the same head is skipped; one
 * here whose log differs stops the restore with its name, and nothing is written.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import * as z from 'zod/mini';
import { IsoDateTime, Sha256Hex as Sha256HexSchema } from '../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { RoleId } from '../../standards/schema.ts';
import { LoggedEvent } from '../domain/chain.ts';
import { fromBase64Url, toBase64Url } from '../domain/crypto/encoding.ts';
import { generateSigningKey } from '../domain/crypto/keys.ts';
import type { Sha256Hex } from '../domain/crypto/sha256.ts';
import { proveKeyPossession, verifyKeyPossession } from '../domain/event-signature.ts';
import { LAST_BACKUP_SETTING } from '../domain/import/backup-settings.ts';
import { BACKUP_ZIP_LIMITS, openZip, type ZipArchive, type ZipProblem, ZipReadError } from '../domain/import/zip-reader.ts';
import { type JsonBytesProblem, parseJsonBytes } from '../domain/json-bytes.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';
import { parseBounded } from '../domain/schema-check.ts';
import { formatPath } from '../domain/schema-reasons.ts';
import { type BrokenProblem, verifyEvents } from '../domain/verify.ts';
import type { AnkerpunktDb, Identity, ProcessSummary, StoredFile } from './database.ts';
import { eventsOf, summaryOf } from './process-store.ts';
import { snapshotRows } from './snapshot-store.ts';
import { type StorageProblem, storageProblem } from './storage-errors.ts';

export const BACKUP_FORMAT = 'ankerpunkt.backup';
/** 2: profiles carry their key's proof of possession (audit bundle format 2 registers none without). */
export const BACKUP_FORMAT_VERSION = 2;
/** Versions this build restores: a version-1 backup's profiles make their proofs when next used. */
const READABLE_BACKUP_VERSIONS: readonly unknown[] = [1, 2];
export const MANIFEST_ENTRY = 'backup.json';

const processPath = (processId: string) => `processes/${processId}.json`;
const evidencePath = (sha256: string) => `evidence/${sha256}`;

const PublicKey = z.strictObject({ keyId: z.string(), algorithm: z.literal('ECDSA-P256-SHA256'), publicKey: z.string() });

const BackupIdentity = z.strictObject({
  personId: z.string().check(z.minLength(1), z.maxLength(200)),
  name: z.string(),
  organisation: z.string(),
  roles: z.optional(z.array(RoleId)),
  protection: z.enum(['device', 'passphrase']),
  publicKey: PublicKey,
  previousKeys: z.optional(z.array(PublicKey)),
  createdAt: z.string(),
  /** The current key's signature agreeing to be registered as this person (format 2). */
  keyProof: z.optional(z.string().check(z.maxLength(200))),
  /** Passphrase profiles only; binary fields as base64url. */
  wrappedKey: z.optional(
    z.strictObject({
      kdf: z.literal('PBKDF2-SHA-256'),
      iterations: z.int().check(z.minimum(1)),
      salt: z.string(),
      cipher: z.literal('AES-GCM-256'),
      iv: z.string(),
      wrapped: z.string(),
    }),
  ),
});
type BackupIdentity = z.infer<typeof BackupIdentity>;

export const BackupManifest = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.union([z.literal(1), z.literal(BACKUP_FORMAT_VERSION)]),
  createdAt: IsoDateTime,
  processes: z.array(
    z.strictObject({
      processId: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/)),
      readOnly: z.nullable(
        z.strictObject({ source: z.enum(['bundle', 'signOffRequest']), importedAt: z.string(), exportedAt: z.optional(z.string()) }),
      ),
      events: z.string(),
    }),
  ),
  files: z.array(z.strictObject({ sha256: Sha256HexSchema, size: z.int().check(z.minimum(0)), mediaType: z.string() })),
  identities: z.array(BackupIdentity),
  settings: z.array(z.strictObject({ key: z.string(), value: z.unknown() })),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export type BackupProgress = (done: number, total: number) => void;

function identityForBackup(identity: Identity): BackupIdentity {
  const wrapped = identity.wrappedKey;
  return {
    personId: identity.personId,
    name: identity.name,
    organisation: identity.organisation,
    ...(identity.roles ? { roles: identity.roles } : {}),
    protection: identity.protection ?? 'device',
    publicKey: identity.publicKey,
    ...(identity.previousKeys ? { previousKeys: identity.previousKeys } : {}),
    createdAt: identity.createdAt,
    ...(identity.keyProof ? { keyProof: identity.keyProof } : {}),
    ...(identity.protection === 'passphrase' && wrapped
      ? {
          wrappedKey: {
            kdf: wrapped.kdf,
            iterations: wrapped.iterations,
            salt: toBase64Url(wrapped.salt),
            cipher: wrapped.cipher,
            iv: toBase64Url(wrapped.iv),
            wrapped: toBase64Url(wrapped.wrapped),
          },
        }
      : {}),
  };
}

/** Settings that describe this device's backups, not the data: never copied to another device. */
const DEVICE_SETTINGS = new Set([LAST_BACKUP_SETTING]);

/**
 * Everything on this device as one ZIP. Read in one transaction, so the logs, files and
 * profiles in the file belong together even while another tab appends.
 */
export async function createBackup(db: AnkerpunktDb, now: Date, onProgress?: BackupProgress): Promise<Blob> {
  const read = await db.transaction('r', [db.processes, db.events, db.files, db.identities, db.settings], async () => {
    const processes = await db.processes.toArray();
    const logs = await Promise.all(processes.map((p) => eventsOf(db, p.processId)));
    return {
      processes,
      logs,
      files: await db.files.toArray(),
      identities: await db.identities.toArray(),
      settings: await db.settings.toArray(),
    };
  });
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: now.toISOString(),
    processes: read.processes.map((p) => ({ processId: p.processId, readOnly: p.readOnly ?? null, events: processPath(p.processId) })),
    files: read.files.map((f) => ({ sha256: f.sha256, size: f.size, mediaType: f.mediaType })),
    identities: read.identities.map(identityForBackup),
    settings: read.settings.filter((s) => !DEVICE_SETTINGS.has(s.key)),
  };

  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else chunks.push(data);
  });
  const text = new TextEncoder();
  const addJson = (name: string, value: unknown) => {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(text.encode(JSON.stringify(value)), true);
  };
  addJson(MANIFEST_ENTRY, manifest);
  read.processes.forEach((p, i) => {
    addJson(processPath(p.processId), read.logs[i]);
  });
  const total = read.files.reduce((sum, f) => sum + f.size, 0);
  let done = 0;
  onProgress?.(0, total);
  for (const file of read.files) {
    // Evidence is mostly PDFs and images, compressed already: stored as it is.
    const entry = new ZipPassThrough(evidencePath(file.sha256));
    zip.add(entry);
    entry.push(new Uint8Array(await file.blob.arrayBuffer()), true);
    done += file.size;
    onProgress?.(done, total);
  }
  zip.end();
  if (failure) throw failure;
  await db.settings.put({ key: LAST_BACKUP_SETTING, value: now.toISOString() });
  return new Blob(chunks as Uint8Array<ArrayBuffer>[], { type: 'application/zip' });
}

export type RestoreProblem =
  | ZipProblem
  | { code: 'notBackup' }
  | { code: 'wrongVersion'; got: unknown }
  /** An entry that is not strict JSON (strict-json.ts), with where and why. */
  | { code: 'json'; entry: string; problem: JsonBytesProblem }
  | { code: 'schema'; entry: string; path: string; message: string }
  | { code: 'entryMissing'; entry: string }
  | { code: 'processBroken'; processId: string; seq: number; problem: BrokenProblem }
  | { code: 'fileMismatch'; sha256: string }
  /** The device holds this process with a different log: restoring would lose one of them. */
  | { code: 'processDiffers'; processId: string; agencyName: string }
  | { code: 'storage'; problem: StorageProblem };

export type RestoreOutcome =
  | {
      ok: true;
      createdAt: string;
      restored: string[];
      /** Already here with the same head. */
      skipped: string[];
      files: number;
      /** Profiles restored as they were (passphrase profiles). */
      profiles: string[];
      /** Device profiles restored with a new key, which must be registered before signing. */
      newKeys: string[];
    }
  | { ok: false; problem: RestoreProblem };

class RestoreAbort extends Error {
  constructor(readonly problem: RestoreProblem) {
    super(problem.code);
    this.name = 'RestoreAbort';
  }
}

async function readEntry(zip: ZipArchive, name: string): Promise<Uint8Array> {
  const entry = zip.get(name);
  if (!entry) throw new RestoreAbort({ code: 'entryMissing', entry: name });
  try {
    return await zip.read(entry);
  } catch (error) {
    if (error instanceof ZipReadError) throw new RestoreAbort({ code: 'zipCorrupt', detail: error.message });
    throw error;
  }
}

async function readJsonEntry<T>(zip: ZipArchive, name: string, schema: z.ZodMiniType<T>): Promise<T> {
  const bytes = await readEntry(zip, name);
  // The ZIP's own limits already bound the entry's size.
  const read = parseJsonBytes(bytes, Number.POSITIVE_INFINITY);
  if (!read.ok) throw new RestoreAbort({ code: 'json', entry: name, problem: read.problem });
  const { json } = read;
  if (name === MANIFEST_ENTRY) {
    if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== BACKUP_FORMAT) {
      throw new RestoreAbort({ code: 'notBackup' });
    }
    const version = (json as { formatVersion?: unknown }).formatVersion;
    if (!READABLE_BACKUP_VERSIONS.includes(version)) throw new RestoreAbort({ code: 'wrongVersion', got: version });
  }
  const parsed = parseBounded(schema, json, z.unknown());
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new RestoreAbort({ code: 'schema', entry: name, path: formatPath(issue?.path ?? []), message: issue?.message ?? '' });
  }
  // Validated, but kept as written: the schemas have no defaults or transforms, and events keep
  // their member order, so a log restored and exported again gives the same bytes.
  return json as T;
}

interface VerifiedProcess {
  processId: string;
  events: LoggedEvent[];
  snapshot: ProcessSnapshot;
  readOnly: ProcessSummary['readOnly'] | null;
}

async function identityFromBackup(backup: BackupIdentity): Promise<{ identity: Identity; newKey: boolean }> {
  const { wrappedKey, protection, keyProof, ...common } = backup;
  if (protection === 'passphrase' && wrappedKey) {
    // A proof that is not the key's own would only be refused when registering: not kept.
    const proofHolds = keyProof !== undefined && (await verifyKeyPossession(common.personId, common.publicKey, keyProof));
    return {
      newKey: false,
      identity: {
        ...common,
        ...(proofHolds ? { keyProof } : {}),
        protection,
        wrappedKey: {
          kdf: wrappedKey.kdf,
          iterations: wrappedKey.iterations,
          salt: fromBase64Url(wrappedKey.salt),
          cipher: wrappedKey.cipher,
          iv: fromBase64Url(wrappedKey.iv),
          wrapped: fromBase64Url(wrappedKey.wrapped),
        },
      },
    };
  }
  // The old device key could not be copied: a new one, with its own proof, the old one kept as a
  // previous key.
  const key = await generateSigningKey(false);
  return {
    newKey: true,
    identity: {
      ...common,
      protection: 'device',
      privateKey: key.privateKey,
      publicKey: key.record,
      keyProof: await proveKeyPossession(common.personId, key),
      previousKeys: [...(common.previousKeys ?? []), common.publicKey],
    },
  };
}

/** Restores a backup made by `createBackup`: everything, or (with the reason) nothing. */
export async function restoreBackup(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  sha256: Sha256Hex,
  blob: Blob,
  onProgress?: BackupProgress,
): Promise<RestoreOutcome> {
  try {
    const opened = await openZip(blob, BACKUP_ZIP_LIMITS);
    if (!opened.ok) return { ok: false, problem: opened.problem };
    const { zip } = opened;
    if (!zip.get(MANIFEST_ENTRY)) return { ok: false, problem: { code: 'notBackup' } };
    const manifest = await readJsonEntry(zip, MANIFEST_ENTRY, BackupManifest);

    const total = manifest.files.reduce((sum, f) => sum + f.size, 0) + manifest.processes.length;
    let done = 0;
    onProgress?.(0, total);

    const processes: VerifiedProcess[] = [];
    for (const entry of manifest.processes) {
      if (entry.events !== processPath(entry.processId)) throw new RestoreAbort({ code: 'entryMissing', entry: entry.events });
      const events = await readJsonEntry(zip, entry.events, z.array(LoggedEvent).check(z.minLength(1)));
      const verified = await verifyEvents(eng, events, sha256);
      if (!verified.ok) {
        throw new RestoreAbort({ code: 'processBroken', processId: entry.processId, seq: verified.event.seq, problem: verified.problem });
      }
      if (verified.snapshot.context.processId !== entry.processId) {
        throw new RestoreAbort({ code: 'schema', entry: entry.events, path: '[0].payload.processId', message: entry.processId });
      }
      processes.push({ processId: entry.processId, events, snapshot: verified.snapshot, readOnly: entry.readOnly });
      onProgress?.(++done, total);
    }

    const files: StoredFile[] = [];
    const have = new Set(await db.files.toCollection().primaryKeys());
    for (const file of manifest.files) {
      if (!have.has(file.sha256)) {
        const bytes = await readEntry(zip, evidencePath(file.sha256));
        if (bytes.length !== file.size || (await sha256(bytes)) !== file.sha256)
          throw new RestoreAbort({ code: 'fileMismatch', sha256: file.sha256 });
        files.push({ ...file, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: file.mediaType }) });
      }
      done += file.size;
      onProgress?.(done, total);
    }

    const known = new Set(await db.identities.toCollection().primaryKeys());
    const identities = await Promise.all(manifest.identities.filter((i) => !known.has(i.personId)).map(identityFromBackup));
    const skipped: string[] = [];
    const restored: string[] = [];

    await db.transaction(
      'rw',
      [db.events, db.heads, db.snapshots, db.snapshotParts, db.processes, db.files, db.identities, db.settings],
      async () => {
        for (const p of processes) {
          const last = p.events[p.events.length - 1] as LoggedEvent;
          const head = await db.heads.get(p.processId);
          if (head) {
            if (head.seq === last.seq && head.hash === last.hash) {
              skipped.push(p.processId);
              continue;
            }
            const agencyName = (await db.processes.get(p.processId))?.agencyName ?? p.snapshot.context.agency?.name ?? '';
            throw new RestoreAbort({ code: 'processDiffers', processId: p.processId, agencyName });
          }
          const rows = snapshotRows(p.processId, { seq: last.seq, hash: last.hash }, p.snapshot, null);
          await db.events.bulkAdd(p.events.map((e) => ({ ...e, processId: p.processId })));
          await db.heads.put({
            processId: p.processId,
            seq: last.seq,
            hash: last.hash,
            ...(p.readOnly ? { readOnly: true as const } : {}),
          });
          await db.snapshots.put(rows.top);
          await db.snapshotParts.bulkPut(rows.parts);
          await db.processes.put(summaryOf(p.processId, p.snapshot, last.at, p.readOnly ?? undefined));
          restored.push(p.processId);
        }
        if (files.length > 0) await db.files.bulkPut(files);
        if (identities.length > 0) await db.identities.bulkAdd(identities.map((i) => i.identity));
        for (const setting of manifest.settings) {
          if (!DEVICE_SETTINGS.has(setting.key) && !(await db.settings.get(setting.key))) await db.settings.put(setting);
        }
      },
    );
    return {
      ok: true,
      createdAt: manifest.createdAt,
      restored,
      skipped,
      files: files.length,
      profiles: identities.filter((i) => !i.newKey).map((i) => i.identity.name),
      newKeys: identities.filter((i) => i.newKey).map((i) => i.identity.name),
    };
  } catch (error) {
    if (error instanceof RestoreAbort) return { ok: false, problem: error.problem };
    return { ok: false, problem: { code: 'storage', problem: storageProblem(error) } };
  }
}
