/**
 * How screens reach the data: one database, one engine, and hooks that re-render when the
 * database changes (Dexie's liveQuery over the reads of src/db/reads.ts). Screens never touch the
 * tables; every write is a command sent through `useSend` (src/db/commands.ts).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { commandSender, type Send } from '../db/commands.ts';
import type { AnkerpunktDb, Identity, ProcessSummary } from '../db/database.ts';
import { currentIdentity, processList, signingKeyOf } from '../db/reads.ts';
import type { Sha256Hex } from '../domain/crypto/sha256.ts';
import type { EventSigner } from '../domain/event-signature.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';
import { IdleLock } from './profiles/IdleLock.tsx';
import { lockAllBut, useUnlockedKey } from './profiles/session.ts';

/** What every screen may use. The process engine is not among them: see EngineProvider. */
export interface BaseServices {
  db: AnkerpunktDb;
  sha256: Sha256Hex;
  /** The clock; tests may replace it. */
  now: () => Date;
}

export interface Services extends BaseServices {
  engine: ProcessEngine;
}

const ServicesContext = createContext<{ services: BaseServices; send: Send } | null>(null);
const EngineContext = createContext<ProcessEngine | null>(null);

const IdentityContext = createContext<Identity | null | undefined>(undefined);

export function ServicesProvider({ services, children }: { services: BaseServices; children: ReactNode }) {
  const value = useMemo(() => ({ services, send: commandSender(services) }), [services]);
  return (
    <ServicesContext.Provider value={value}>
      <IdentityProvider db={services.db}>{children}</IdentityProvider>
    </ServicesContext.Provider>
  );
}

/**
 * Who uses this device, read once for the whole app: a screen that mounts later finds it
 * already loaded, so its actions are never briefly unavailable while it loads. The idle lock
 * lives here too, so an unlocked profile locks itself on every screen.
 */
function IdentityProvider({ db, children }: { db: AnkerpunktDb; children: ReactNode }) {
  const identity = useLiveQuery(async () => (await currentIdentity(db)) ?? null, [db]);
  const personId = identity === undefined ? undefined : (identity?.personId ?? null);
  useEffect(() => {
    if (personId !== undefined) lockAllBut(personId);
  }, [personId]);
  return (
    <IdentityContext.Provider value={identity}>
      <IdleLock db={db} />
      {children}
    </IdentityContext.Provider>
  );
}

/**
 * Makes the process engine available below it. The engine (XState, the schemas, the standards
 * catalog) is a separate download, loaded by the screens that need it (src/app/engine.tsx), so
 * the start screen appears before it arrives.
 */
export function EngineContextProvider({ engine, children }: { engine: ProcessEngine; children: ReactNode }) {
  return <EngineContext.Provider value={engine}>{children}</EngineContext.Provider>;
}

export function useBaseServices(): BaseServices {
  const provided = useContext(ServicesContext);
  if (!provided) throw new Error('ServicesProvider is missing');
  return provided.services;
}

/** The one entry point for writes: `send('recordEvent', …)`, `send('chooseProfile', …)`, … */
export function useSend(): Send {
  const provided = useContext(ServicesContext);
  if (!provided) throw new Error('ServicesProvider is missing');
  return provided.send;
}

export function useServices(): Services {
  const base = useBaseServices();
  const engine = useContext(EngineContext);
  if (!engine) throw new Error('EngineProvider is missing');
  return { ...base, engine };
}

export function useProcessList(): ProcessSummary[] | undefined {
  const { db } = useBaseServices();
  return useLiveQuery(() => processList(db), [db]);
}

/** The person using this device: undefined while loading, null if there is none yet. */
export function useCurrentIdentity(): Identity | null | undefined {
  return useContext(IdentityContext);
}

/** A person able to sign now: their profile and their private key, usable only while unlocked. */
export interface Signer {
  identity: Identity;
  privateKey: CryptoKey;
}

/** What signs the events a signer records (src/domain/event-signature.ts). */
export function eventSignerOf(signer: Signer): EventSigner {
  return { personId: signer.identity.personId, key: { privateKey: signer.privateKey, record: signer.identity.publicKey } };
}

/**
 * The current person's signing key, or null when there is no person or their profile is
 * locked (see src/app/profiles). Signing screens ask for this, never for the stored key.
 */
export function useSigner(): Signer | null {
  const identity = useCurrentIdentity();
  const unlocked = useUnlockedKey(identity?.personId);
  const key = identity ? signingKeyOf(identity, unlocked) : null;
  return identity && key ? { identity, privateKey: key.privateKey } : null;
}
