import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { holdUnlocked, lockAllBut, lockProfiles, unlockedPersonId } from '../../src/app/profiles/session.ts';
import {
  createIdentity,
  createProtectedIdentity,
  currentIdentity,
  IDLE_LOCK_DEFAULT_MINUTES,
  idleLockMinutes,
  protectionOf,
  replaceKey,
  setCurrentIdentity,
  setIdleLockMinutes,
  signingKeyOf,
  unlockIdentity,
} from '../../src/db/identities.ts';
import { utf8 } from '../../src/domain/crypto/encoding.ts';
import { generateSigningKey, sign, verifySignature } from '../../src/domain/crypto/keys.ts';
import { freshDb, reopen } from '../fixtures/db/demo-db.ts';

const PASSPHRASE = 'Sieben Zwerge hinter den Bergen';
const message = utf8('Freigabe Etappe 1');

describe('passphrase profiles on a shared device', () => {
  it('stores only the wrapped key; after reopening, the right passphrase unlocks a key that signs verifiably', async () => {
    const db = freshDb();
    const { identity, unlocked } = await createProtectedIdentity(db, { name: 'Anna Amt', organisation: 'IKBO', passphrase: PASSPHRASE });
    expect(unlocked.extractable).toBe(false);
    expect(await verifySignature(identity.publicKey.publicKey, message, await sign(unlocked, message))).toBe(true);
    db.close();

    const again = reopen(db);
    const stored = await again.identities.get(identity.personId);
    if (!stored) throw new Error('profile not stored');
    expect(protectionOf(stored)).toBe('passphrase');
    expect(stored.privateKey).toBeUndefined();
    expect(stored.wrappedKey?.iterations).toBe(600_000);
    // Nothing stored is a CryptoKey: the usable key exists only in memory.
    expect(Object.values(stored).some((v) => v instanceof CryptoKey)).toBe(false);
    // Locked: no key to sign with.
    expect(signingKeyOf(stored, null)).toBeNull();

    const outcome = await unlockIdentity(stored, PASSPHRASE);
    if (!outcome.ok) throw new Error(outcome.problem);
    expect(outcome.key.extractable).toBe(false);
    const key = signingKeyOf(stored, outcome.key);
    if (!key) throw new Error('no key after unlocking');
    expect(await verifySignature(stored.publicKey.publicKey, message, await sign(key.privateKey, message))).toBe(true);
  });

  it('a wrong passphrase unlocks nothing, so there is nothing to sign with', async () => {
    const db = freshDb();
    const { identity } = await createProtectedIdentity(db, { name: 'Anna Amt', organisation: '', passphrase: PASSPHRASE });
    lockProfiles();
    const outcome = await unlockIdentity(identity, 'Sieben Zwerge hinter den Bergen!');
    expect(outcome).toEqual({ ok: false, problem: 'wrong-passphrase' });
    expect(unlockedPersonId()).toBeNull();
    expect(signingKeyOf(identity, null)).toBeNull();
  });

  it('holds one unlocked profile at a time: unlocking another, or locking, forgets the key', async () => {
    const db = freshDb();
    const anna = await createProtectedIdentity(db, { name: 'Anna Amt', organisation: '', passphrase: PASSPHRASE });
    const paul = await createProtectedIdentity(db, { name: 'Paul Leiter', organisation: 'GF', passphrase: 'Zweite lange Passphrase' });
    holdUnlocked(anna.identity.personId, anna.unlocked);
    expect(unlockedPersonId()).toBe(anna.identity.personId);
    holdUnlocked(paul.identity.personId, paul.unlocked);
    expect(unlockedPersonId()).toBe(paul.identity.personId);
    lockProfiles();
    expect(unlockedPersonId()).toBeNull();
    // The current person changed (here or in another tab): whoever else was unlocked is locked.
    holdUnlocked(paul.identity.personId, paul.unlocked);
    lockAllBut(paul.identity.personId);
    expect(unlockedPersonId()).toBe(paul.identity.personId);
    lockAllBut(anna.identity.personId);
    expect(unlockedPersonId()).toBeNull();
    // Each profile opens only with its own passphrase.
    expect(await unlockIdentity(paul.identity, PASSPHRASE)).toEqual({ ok: false, problem: 'wrong-passphrase' });
    // The first profile made is the current one until someone switches.
    expect((await currentIdentity(db))?.personId).toBe(anna.identity.personId);
    await setCurrentIdentity(db, paul.identity.personId);
    expect((await currentIdentity(db))?.personId).toBe(paul.identity.personId);
  });

  it('keeps device profiles (and rows stored before profiles had a protection) signing without a passphrase', async () => {
    const db = freshDb();
    const device = await createIdentity(db, { name: 'Maria Beispiel', organisation: 'IKBO' });
    expect(protectionOf(device)).toBe('device');
    const legacyKey = await generateSigningKey(false);
    const legacy = {
      personId: 'p-legacy',
      name: 'Alt',
      organisation: '',
      privateKey: legacyKey.privateKey,
      publicKey: legacyKey.record,
      createdAt: new Date().toISOString(),
    };
    await db.identities.put(legacy);
    const stored = await db.identities.get('p-legacy');
    if (!stored) throw new Error('legacy row not stored');
    expect(protectionOf(stored)).toBe('device');
    const key = signingKeyOf(stored);
    if (!key) throw new Error('legacy profile cannot sign');
    expect(await verifySignature(stored.publicKey.publicKey, message, await sign(key.privateKey, message))).toBe(true);
    expect(await unlockIdentity(stored, PASSPHRASE)).toEqual({ ok: false, problem: 'not-protected' });
  });

  it('replaces a key: the new one is wrapped with the same passphrase, the old one is remembered', async () => {
    const db = freshDb();
    const { identity } = await createProtectedIdentity(db, { name: 'Anna Amt', organisation: '', passphrase: PASSPHRASE });
    const { identity: next, unlocked } = await replaceKey(db, identity, PASSPHRASE);
    expect(next.publicKey.keyId).not.toBe(identity.publicKey.keyId);
    expect(next.previousKeys).toEqual([identity.publicKey]);
    expect(unlocked && (await verifySignature(next.publicKey.publicKey, message, await sign(unlocked, message)))).toBe(true);
    const stored = await db.identities.get(identity.personId);
    if (!stored) throw new Error('profile lost');
    const reopened = await unlockIdentity(stored, PASSPHRASE);
    if (!reopened.ok) throw new Error(reopened.problem);
    expect(await verifySignature(next.publicKey.publicKey, message, await sign(reopened.key, message))).toBe(true);
  });

  it('remembers the idle lock between 1 and 60 minutes, 5 by default', async () => {
    const db = freshDb();
    expect(await idleLockMinutes(db)).toBe(IDLE_LOCK_DEFAULT_MINUTES);
    await setIdleLockMinutes(db, 12);
    expect(await idleLockMinutes(db)).toBe(12);
    await expect(setIdleLockMinutes(db, 0)).rejects.toThrow(RangeError);
    await expect(setIdleLockMinutes(db, 61)).rejects.toThrow(RangeError);
    await expect(setIdleLockMinutes(db, 2.5)).rejects.toThrow(RangeError);
    expect(await idleLockMinutes(db)).toBe(12);
    // A value written by something else is not trusted.
    await db.settings.put({ key: 'idleLockMinutes', value: 'nie' });
    expect(await idleLockMinutes(db)).toBe(IDLE_LOCK_DEFAULT_MINUTES);
  });
});
