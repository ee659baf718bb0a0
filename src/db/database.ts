/**
 * The IndexedDB database, through Dexie. Everything the app knows lives here, on this device
 * only: the event logs (the truth), their chain heads, the snapshot cache, evidence files by
 * digest, the people who use this device with their keys, and settings.
 *
 * Each schema version is declared below with its upgrade; a version is never edited once
 * shipped. tests/integration/db-upgrade.test.ts opens a database written by every earlier
 * version from fixtures.
 */
import Dexie, { type Table } from 'dexie';
import type { ProcessContext } from '../../machines/process/process.context.ts';
import type { RoleId, StageId } from '../../standards/schema.ts';
import type { LoggedEvent } from '../domain/chain.ts';
import type { WrappedPrivateKey } from '../domain/crypto/wrap.ts';

export const DB_NAME = 'ankerpunkt';

/** One row per process, for the start screen; rewritten with every append. */
export interface ProcessSummary {
  processId: string;
  agencyName: string;
  agencyType: 'AA' | 'JC';
  region: string;
  stage: StageId;
  cycle: number;
  paused: boolean;
  nextDue: { title: string; due: string; overdue: boolean } | null;
  eventCount: number;
  updatedAt: string;
  /**
   * Set on a copy imported for reading (another agency's bundle, a director reviewing a
   * sign-off request): nothing can be appended to it here; the original lives elsewhere.
   */
  readOnly?: ReadOnlyOrigin;
}

export interface ReadOnlyOrigin {
  /** What the copy came from. */
  source: 'bundle' | 'signOffRequest';
  importedAt: string;
  /** When the bundle was exported: how current the copy is (copies imported before it was kept have none). */
  exportedAt?: string;
}

export type StoredEvent = LoggedEvent & { processId: string };

export interface StoredHead {
  processId: string;
  seq: number;
  hash: string;
  /**
   * Set on a read-only copy. Kept on the head, which every append reads anyway to check the
   * chain, so refusing appends to copies costs no extra read; the summary row says the same
   * for the screens.
   */
  readOnly?: true;
}

/**
 * The snapshot cache, split so that an append writes only what changed: the small top of the
 * context here, and each yearly cycle and id-index branch as its own part (snapshotParts).
 */
export interface StoredSnapshot {
  processId: string;
  seq: number;
  /**
   * The hash of event `seq`. The cache is refreshed after appends, so it may lag behind the log;
   * it is used only while this event is still there. Rows written before it was kept have none.
   */
  hash?: string;
  machineVersion: string;
  value: unknown;
  history: Record<string, string[]>;
  top: Omit<ProcessContext, 'cycles' | 'ids'>;
  cycleCount: number;
  bucketCount: number;
}

export interface StoredSnapshotPart {
  processId: string;
  /** "c:<cycle>" or "i:<branch>" (one of the id index's 64 top-level branches) */
  part: string;
  data: unknown;
}

export interface StoredFile {
  sha256: string;
  blob: Blob;
  size: number;
  mediaType: string;
}

/**
 * A person who uses this device (a profile), with their signing key, which never leaves the
 * device. Rows stored before profiles had a protection are device profiles.
 */
export interface Identity {
  personId: string;
  name: string;
  organisation: string;
  /** The roles this person expects to hold in processes (a suggestion for whoever registers them). */
  roles?: RoleId[];
  /**
   * 'device': a personal device; the key object itself is stored, non-extractable.
   * 'passphrase': a shared device; only the wrapped key is stored, and the key usable for
   * signing exists in memory while the profile is unlocked.
   */
  protection?: 'device' | 'passphrase';
  /** Device profiles only. Non-extractable; IndexedDB stores the key object itself. */
  privateKey?: CryptoKey;
  /** Passphrase profiles only: the private key encrypted with a key derived from the passphrase. */
  wrappedKey?: WrappedPrivateKey;
  publicKey: { keyId: string; algorithm: 'ECDSA-P256-SHA256'; publicKey: string };
  /**
   * The key's proof of possession (its signature over the key-possession statement for this
   * person), made where the private key is: the identity file carries it, and registering the
   * key needs it. Profiles made before it existed get it once their key is usable.
   */
  keyProof?: string;
  /** Keys this profile used before (replaced), newest last: shown so the revocation can be checked. */
  previousKeys?: { keyId: string; algorithm: 'ECDSA-P256-SHA256'; publicKey: string }[];
  createdAt: string;
}

export interface Setting {
  key: string;
  value: unknown;
}

export class AnkerpunktDb extends Dexie {
  processes!: Table<ProcessSummary, string>;
  events!: Table<StoredEvent, [string, number]>;
  heads!: Table<StoredHead, string>;
  snapshots!: Table<StoredSnapshot, string>;
  snapshotParts!: Table<StoredSnapshotPart, [string, string]>;
  files!: Table<StoredFile, string>;
  identities!: Table<Identity, string>;
  settings!: Table<Setting, string>;

  constructor(name = DB_NAME) {
    // Strict durability: an acknowledged append is on disk, not in a write buffer.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      processes: 'processId, updatedAt',
      events: '[processId+seq], processId',
      heads: 'processId',
      snapshots: 'processId',
      snapshotParts: '[processId+part], processId',
      files: 'sha256',
      identities: 'personId',
      settings: 'key',
    });
  }
}
