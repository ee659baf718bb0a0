/**
 * The people who use this device. Each has a P-256 key pair made here; the private key is
 * non-extractable and IndexedDB stores the key object itself, so it can sign but never be read
 * out or copied. Which person is using the device is a setting.
 */
import type { SigningKey } from '../domain/crypto/keys.ts';
import { generateSigningKey } from '../domain/crypto/keys.ts';
import type { AnkerpunktDb, Identity } from './database.ts';

const CURRENT = 'currentPersonId';

export async function createIdentity(db: AnkerpunktDb, args: { name: string; organisation: string; key?: SigningKey }): Promise<Identity> {
  const key = args.key ?? (await generateSigningKey(false));
  const identity: Identity = {
    personId: `p-${crypto.randomUUID()}`,
    name: args.name,
    organisation: args.organisation,
    privateKey: key.privateKey,
    publicKey: key.record,
    createdAt: new Date().toISOString(),
  };
  await db.transaction('rw', [db.identities, db.settings], async () => {
    await db.identities.put(identity);
    if (!(await db.settings.get(CURRENT))) await db.settings.put({ key: CURRENT, value: identity.personId });
  });
  return identity;
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

export function signingKeyOf(identity: Identity): SigningKey {
  return { privateKey: identity.privateKey, record: identity.publicKey };
}
