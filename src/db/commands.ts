/**
 * Every write the app can make to this device's storage, as one typed map behind one entry point
 * (`send`). Screens call `send('recordEvent', …)` and never a table: so there is exactly one path
 * by which anything enters the log or the settings, the path the sync outbox hooks into.
 *
 * Each command is a function of the storage modules; those that need the engine, the ZIP or the
 * verification code load them on first use, so the start screen's chunk stays small. Outcomes are
 * data (accepted, refused with reasons, a storage problem); what a command cannot do it says, it
 * does not throw at screens, except for programming errors.
 */
import type { ProcessCommand } from '../../machines/process/process.events.ts';
import type { RoleId } from '../../standards/schema.ts';
import type { ChainHead, LoggedEvent } from '../domain/chain.ts';
import type { SigningKey } from '../domain/crypto/keys.ts';
import type { Sha256Hex } from '../domain/crypto/sha256.ts';
import type { EventSigner } from '../domain/event-signature.ts';
import type { BundleCheck } from '../domain/import/check-bundle.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';
import type { AnkerpunktDb, Identity, StoredFile } from './database.ts';
import { setBackupReminderDays, setExcludedFromRegion } from './device-settings.ts';
import {
  createIdentity,
  createProtectedIdentity,
  ensureKeyProof,
  replaceKey,
  setCurrentIdentity,
  setIdleLockMinutes,
  unlockIdentity,
} from './identities.ts';
import type { ImportMode } from './import-store.ts';
import { recordSavedResponse, type SavedResponse } from './saved-responses.ts';
import { dismissConflict, removeSyncLink, type SyncLink, saveSyncLink } from './sync-links.ts';

/** What every command runs against: this device's database, its SHA-256, its clock. */
export interface CommandServices {
  db: AnkerpunktDb;
  sha256: Sha256Hex;
  now: () => Date;
}

type Progress = (done: number, total: number) => void;

/** The default engine, loaded with the first command that replays a process. */
async function engineFor(): Promise<ProcessEngine> {
  return (await import('../domain/process-engine.ts')).engine();
}

export const COMMANDS = {
  // The log of one process.
  /** Appends one event, signed by `signer`, storing the evidence files it names in the same transaction. */
  recordEvent: async (
    s: CommandServices,
    a: { processId: string; command: ProcessCommand; signer: EventSigner | null; files?: readonly StoredFile[] },
  ) =>
    (await import('./process-store.ts')).appendCommand(s.db, await engineFor(), s.sha256, a.processId, a.command, a.signer, a.files ?? []),
  /** Appends the erasure of an evidence file's content and deletes the bytes no process here still needs. */
  eraseContent: async (s: CommandServices, a: { processId: string; command: unknown; signer: EventSigner | null }) =>
    (await import('./erase.ts')).eraseEvidenceContent(s.db, await engineFor(), s.sha256, a.processId, a.command, a.signer),
  /** Reads a director's response file into the process's log, as the decision it carries. */
  importResponse: async (s: CommandServices, a: { processId: string; bytes: Uint8Array; recorder: EventSigner | null }) =>
    (await import('./signoff-files.ts')).importResponseFile(s.db, await engineFor(), s.sha256, a.processId, a.bytes, s.now(), a.recorder),

  // Bringing processes onto this device.
  /** Stores a checked bundle as a read-only copy or takes the process over. */
  importBundle: async (s: CommandServices, a: { check: BundleCheck; mode: ImportMode }) =>
    (await import('./import-store.ts')).importCheckedBundle(s.db, await engineFor(), s.sha256, a.check, a.mode, s.now()),
  /** Stores many bundles as read-only copies for the regional overview, each on its own. */
  importRegionBundles: async (s: CommandServices, a: { files: readonly File[]; onFile?: Progress }) =>
    (await import('./region-store.ts')).importBundles(s.db, await engineFor(), s.sha256, a.files, s.now(), a.onFile),
  /** Opens a sign-off request file on the director's device: verified, stored as a read-only copy. */
  openRequestFile: async (s: CommandServices, a: { bytes: Uint8Array }) =>
    (await import('./signoff-files.ts')).openRequestFile(s.db, await engineFor(), s.sha256, a.bytes, s.now().toISOString()),
  /** Notes on the director's device that a request was answered with a response file. */
  noteSavedResponse: (s: CommandServices, a: SavedResponse) => recordSavedResponse(s.db, a),
  /** Loads the demo process and its people. */
  loadDemo: async (s: CommandServices) => (await import('./demo-store.ts')).loadDemo(s.db, await engineFor(), s.sha256),

  // Backups.
  /** Everything on this device as one ZIP, and when it was made (noted as the last backup). */
  createBackup: async (s: CommandServices, a: { onProgress?: Progress }) => {
    const at = s.now();
    return { blob: await (await import('./backup.ts')).createBackup(s.db, at, a.onProgress), at };
  },
  /** Replaces nothing and adds everything of a backup, or (with the reason) nothing. */
  restoreBackup: async (s: CommandServices, a: { file: Blob; onProgress?: Progress }) =>
    (await import('./backup.ts')).restoreBackup(s.db, await engineFor(), s.sha256, a.file, a.onProgress),

  // Profiles and keys.
  createProfile: (s: CommandServices, a: { name: string; organisation: string; roles?: RoleId[]; key?: SigningKey }) =>
    createIdentity(s.db, a),
  createProtectedProfile: (s: CommandServices, a: { name: string; organisation: string; roles?: RoleId[]; passphrase: string }) =>
    createProtectedIdentity(s.db, a),
  /** Makes a profile the person using this device. */
  chooseProfile: (s: CommandServices, a: { personId: string }) => setCurrentIdentity(s.db, a.personId),
  /** Unwraps a passphrase profile's key into memory; stores nothing. */
  unlockProfile: (_s: CommandServices, a: { identity: Identity; passphrase: string }) => unlockIdentity(a.identity, a.passphrase),
  replaceKey: (s: CommandServices, a: { identity: Identity; passphrase?: string }) => replaceKey(s.db, a.identity, a.passphrase),
  /** Stores the proof of possession of a profile that predates it, once its key is usable. */
  proveKey: (s: CommandServices, a: { identity: Identity; unlocked?: CryptoKey | null }) => ensureKeyProof(s.db, a.identity, a.unlocked),

  // Sharing a process through a sync server.
  /** Shares a process through a server, agreeing up to `link.agreed`. */
  linkSync: (s: CommandServices, a: { link: SyncLink }) => saveSyncLink(s.db, a.link),
  /** Stops sharing a process from this device; its log stays as it is. */
  unlinkSync: (s: CommandServices, a: { processId: string }) => removeSyncLink(s.db, a.processId),
  /** Takes the server's new events: admits them, rebases what is pending here, keeps conflicts. */
  applyPull: async (
    s: CommandServices,
    a: { processId: string; events: readonly LoggedEvent[]; signerFor: (event: LoggedEvent) => EventSigner | null },
  ) => (await import('./sync-store.ts')).applyPull(s.db, await engineFor(), s.sha256, a.processId, a.events, a.signerFor, s.now()),
  /** Brings a process the server holds onto this device, verified, and links it. */
  takeFromServer: async (s: CommandServices, a: { events: readonly LoggedEvent[]; link: SyncLink }) =>
    (await import('./sync-store.ts')).takeFromServer(s.db, await engineFor(), s.sha256, a.events, a.link),
  /** The server acknowledged the events up to `head`. */
  noteAgreed: async (s: CommandServices, a: { processId: string; head: ChainHead }) =>
    (await import('./sync-store.ts')).noteAgreed(s.db, a.processId, a.head),
  /** The user resolved a conflict: it is no longer kept. */
  dismissConflict: (s: CommandServices, a: { processId: string; eventId: string }) => dismissConflict(s.db, a.processId, a.eventId),

  // Settings of this device.
  setIdleLock: (s: CommandServices, a: { minutes: number }) => setIdleLockMinutes(s.db, a.minutes),
  setBackupReminder: (s: CommandServices, a: { days: number }) => setBackupReminderDays(s.db, a.days),
  setRegionExcluded: (s: CommandServices, a: { processIds: readonly string[] }) => setExcludedFromRegion(s.db, a.processIds),
} as const;

export type CommandName = keyof typeof COMMANDS;
type Handler<K extends CommandName> = (typeof COMMANDS)[K];
/** A command's argument; commands that need none take none. */
export type CommandArgs<K extends CommandName> = Parameters<Handler<K>> extends [CommandServices, infer A] ? [args: A] : [];
export type CommandResult<K extends CommandName> = Awaited<ReturnType<Handler<K>>>;

export type Send = <K extends CommandName>(name: K, ...args: CommandArgs<K>) => Promise<CommandResult<K>>;

/** The one entry point for writes, bound to this device's services. */
export function commandSender(services: CommandServices): Send {
  return (name, ...args) => {
    const handler = COMMANDS[name] as (s: CommandServices, a?: unknown) => Promise<CommandResult<typeof name>>;
    return handler(services, args[0]);
  };
}
