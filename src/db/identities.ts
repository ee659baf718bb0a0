/**
 * The people who use this device (profiles). Each has a P-256 key pair made here, whose private
 * key never leaves the device and is never stored in the clear:
 * - on a personal device ('device') the key is non-extractable and IndexedDB stores the key
 *   object itself, so it can sign but never be read out or copied;
 * - on a shared device ('passphrase') only the key wrapped with the profile's passphrase is
 *   stored; unlocking unwraps it, non-extractable, into memory (see src/app/profiles/session.ts).
 * Which person is using the device is a setting.
 */
import type { RoleId } from '../../standards/schema.ts';
import type { SigningKey } from '../domain/crypto/keys.ts';
import { generateSigningKey } from '../domain/crypto/keys.ts';
import { unwrapPrivateKey, WrongPassphraseError, wrapPrivateKey } from '../domain/crypto/wrap.ts';
import { proveKeyPossession } from '../domain/event-signature.ts';
import type { AnkerpunktDb, Identity } from './database.ts';

const CURRENT = 'currentPersonId';
const SIGNING_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;

export type Protection = 'device' | 'passphrase';

/** Rows stored before profiles had a protection are device profiles. */
export function protectionOf(identity: Identity): Protection {
  return identity.protection ?? 'device';
}

async function store(db: AnkerpunktDb, identity: Identity): Promise<void> {
  await db.transaction('rw', [db.identities, db.settings], async () => {
    await db.identities.put(identity);
    if (!(await db.settings.get(CURRENT))) await db.settings.put({ key: CURRENT, value: identity.personId });
  });
}

/** A device profile: the non-extractable key object is stored. */
export async function createIdentity(
  db: AnkerpunktDb,
  args: { name: string; organisation: string; roles?: RoleId[]; key?: SigningKey },
): Promise<Identity> {
  const key = args.key ?? (await generateSigningKey(false));
  const personId = `p-${crypto.randomUUID()}`;
  const identity: Identity = {
    personId,
    name: args.name,
    organisation: args.organisation,
    roles: args.roles ?? [],
    protection: 'device',
    privateKey: key.privateKey,
    publicKey: key.record,
    keyProof: await proveKeyPossession(personId, key),
    createdAt: new Date().toISOString(),
  };
  await store(db, identity);
  return identity;
}

/**
 * Turns a freshly generated extractable key into what a passphrase profile stores (the wrapped
 * key) and what its unlocked session holds (a non-extractable copy), so the extractable key
 * object is dropped at once and the passphrase is not stretched twice.
 */
async function protect(key: SigningKey, passphrase: string): Promise<{ wrappedKey: Identity['wrappedKey']; unlocked: CryptoKey }> {
  const wrappedKey = await wrapPrivateKey(key.privateKey, passphrase, key.record.keyId);
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', key.privateKey));
  try {
    const unlocked = await crypto.subtle.importKey('pkcs8', pkcs8, SIGNING_KEY, false, ['sign']);
    return { wrappedKey, unlocked };
  } finally {
    pkcs8.fill(0);
  }
}

/**
 * A passphrase profile for a shared device. Returns the profile and its key, unlocked, for
 * the caller to hold in memory; only the wrapped key is stored.
 */
export async function createProtectedIdentity(
  db: AnkerpunktDb,
  args: { name: string; organisation: string; roles?: RoleId[]; passphrase: string },
): Promise<{ identity: Identity; unlocked: CryptoKey }> {
  const key = await generateSigningKey(true);
  const { wrappedKey, unlocked } = await protect(key, args.passphrase);
  const personId = `p-${crypto.randomUUID()}`;
  const identity: Identity = {
    personId,
    name: args.name,
    organisation: args.organisation,
    roles: args.roles ?? [],
    protection: 'passphrase',
    wrappedKey,
    publicKey: key.record,
    keyProof: await proveKeyPossession(personId, key),
    createdAt: new Date().toISOString(),
  };
  await store(db, identity);
  return { identity, unlocked };
}

/** Stores an identity whose id is fixed (the demo's people), and makes it current if none is. */
export async function adoptIdentity(db: AnkerpunktDb, identity: Identity, makeCurrent: boolean): Promise<void> {
  await db.transaction('rw', [db.identities, db.settings], async () => {
    await db.identities.put(identity);
    if (makeCurrent || !(await db.settings.get(CURRENT))) await db.settings.put({ key: CURRENT, value: identity.personId });
  });
}

export async function currentIdentity(db: AnkerpunktDb): Promise<Identity | undefined> {
  const setting = await db.settings.get(CURRENT);
  return typeof setting?.value === 'string' ? db.identities.get(setting.value) : undefined;
}

export async function setCurrentIdentity(db: AnkerpunktDb, personId: string): Promise<void> {
  await db.settings.put({ key: CURRENT, value: personId });
}

export type UnlockOutcome = { ok: true; key: CryptoKey } | { ok: false; problem: 'wrong-passphrase' | 'not-protected' };

/** Opens a passphrase profile's key: a non-extractable signing key, or why not. Never throws. */
export async function unlockIdentity(identity: Identity, passphrase: string): Promise<UnlockOutcome> {
  if (protectionOf(identity) !== 'passphrase' || !identity.wrappedKey) return { ok: false, problem: 'not-protected' };
  try {
    return { ok: true, key: await unwrapPrivateKey(identity.wrappedKey, passphrase, identity.publicKey.keyId) };
  } catch (error) {
    if (error instanceof WrongPassphraseError) return { ok: false, problem: 'wrong-passphrase' };
    throw error;
  }
}

/**
 * Gives a profile a new key pair (the old one is lost, compromised, or its holder's office
 * changed hands). The old public key is kept in `previousKeys`; the processes the person works
 * in must register the new key (KeyRegistered) before it signs there. Returns the new key,
 * unlocked, for passphrase profiles.
 */
export async function replaceKey(
  db: AnkerpunktDb,
  identity: Identity,
  passphrase?: string,
): Promise<{ identity: Identity; unlocked: CryptoKey | null }> {
  const previousKeys = [...(identity.previousKeys ?? []), identity.publicKey];
  if (protectionOf(identity) === 'passphrase') {
    if (!passphrase) throw new Error('a passphrase profile needs its passphrase to get a new key');
    const key = await generateSigningKey(true);
    const { wrappedKey, unlocked } = await protect(key, passphrase);
    const keyProof = await proveKeyPossession(identity.personId, key);
    const next: Identity = { ...identity, wrappedKey, publicKey: key.record, keyProof, previousKeys };
    await db.identities.put(next);
    return { identity: next, unlocked };
  }
  const key = await generateSigningKey(false);
  const keyProof = await proveKeyPossession(identity.personId, key);
  const next: Identity = { ...identity, privateKey: key.privateKey, publicKey: key.record, keyProof, previousKeys };
  await db.identities.put(next);
  return { identity: next, unlocked: null };
}

/**
 * The profile's proof of possession, made now and stored if the profile predates it and its key
 * is usable (a device key, or a passphrase key unlocked); null while it cannot be made.
 */
export async function ensureKeyProof(db: AnkerpunktDb, identity: Identity, unlocked?: CryptoKey | null): Promise<string | null> {
  if (identity.keyProof) return identity.keyProof;
  const key = signingKeyOf(identity, unlocked);
  if (!key) return null;
  const keyProof = await proveKeyPossession(identity.personId, key);
  await db.identities.update(identity.personId, { keyProof });
  return keyProof;
}

/** The key a profile signs with: stored (device) or unlocked in memory (passphrase); null if locked. */
export function signingKeyOf(identity: Identity, unlocked?: CryptoKey | null): SigningKey | null {
  const privateKey = protectionOf(identity) === 'passphrase' ? unlocked : identity.privateKey;
  return privateKey ? { privateKey, record: identity.publicKey } : null;
}

const IDLE_LOCK = 'idleLockMinutes';
export const IDLE_LOCK_DEFAULT_MINUTES = 5;
export const IDLE_LOCK_MIN_MINUTES = 1;
export const IDLE_LOCK_MAX_MINUTES = 60;

/** After how many minutes without keyboard or pointer input an unlocked profile locks itself. */
export async function idleLockMinutes(db: AnkerpunktDb): Promise<number> {
  const value = (await db.settings.get(IDLE_LOCK))?.value;
  return typeof value === 'number' && Number.isInteger(value) && value >= IDLE_LOCK_MIN_MINUTES && value <= IDLE_LOCK_MAX_MINUTES
    ? value
    : IDLE_LOCK_DEFAULT_MINUTES;
}

export async function setIdleLockMinutes(db: AnkerpunktDb, minutes: number): Promise<void> {
  if (!Number.isInteger(minutes) || minutes < IDLE_LOCK_MIN_MINUTES || minutes > IDLE_LOCK_MAX_MINUTES) {
    throw new RangeError(`idle lock must be ${IDLE_LOCK_MIN_MINUTES}–${IDLE_LOCK_MAX_MINUTES} minutes`);
  }
  await db.settings.put({ key: IDLE_LOCK, value: minutes });
}
