/**
 * How screens reach the data: one database, one engine, and hooks that re-render when the
 * database changes (Dexie's liveQuery). Screens never write to the database themselves; they
 * send commands through `useAppend`, which goes through the engine and the store.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, type ReactNode, useCallback, useContext } from 'react';
import type { Actor, EventType, PayloadOf, ProcessCommand } from '../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import type { AnkerpunktDb, Identity, ProcessSummary, StoredFile } from '../db/database.ts';
import { currentIdentity } from '../db/identities.ts';
import { type AppendOutcome, appendCommand, type LoadResult, loadProcess } from '../db/process-store.ts';
import type { Sha256Hex } from '../domain/crypto/sha256.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';

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

const ServicesContext = createContext<BaseServices | null>(null);
const EngineContext = createContext<ProcessEngine | null>(null);

export function ServicesProvider({ services, children }: { services: BaseServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
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
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesProvider is missing');
  return services;
}

export function useServices(): Services {
  const base = useBaseServices();
  const engine = useContext(EngineContext);
  if (!engine) throw new Error('EngineProvider is missing');
  return { ...base, engine };
}

export function useProcessList(): ProcessSummary[] | undefined {
  const { db } = useBaseServices();
  return useLiveQuery(() => db.processes.orderBy('updatedAt').reverse().toArray(), [db]);
}

export type ProcessView =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'corrupt'; detail: string }
  | { status: 'ready'; snapshot: ProcessSnapshot };

/** The live state of one process, replayed from its log (or its cache). */
export function useProcess(processId: string): ProcessView {
  const { db, engine } = useServices();
  const result = useLiveQuery<LoadResult | 'missing'>(
    async () => ((await db.heads.get(processId)) ? loadProcess(db, engine, processId) : 'missing'),
    [db, engine, processId],
  );
  if (result === undefined) return { status: 'loading' };
  if (result === 'missing') return { status: 'missing' };
  if (!result.ok) return { status: 'corrupt', detail: result.detail };
  return { status: 'ready', snapshot: result.state.snapshot };
}

export function useCurrentIdentity(): Identity | null | undefined {
  const { db } = useBaseServices();
  const identity = useLiveQuery(async () => (await currentIdentity(db)) ?? null, [db]);
  return identity;
}

/** Now, but never before the last event: a device clock that runs late cannot break the log. */
export function timeFor(snapshot: ProcessSnapshot, now: Date): string {
  const at = now.toISOString();
  return at < snapshot.context.lastAt ? snapshot.context.lastAt : at;
}

export type CommandDraft<T extends EventType> = { type: T; payload: PayloadOf<T>; actor?: Actor };

/**
 * Builds and appends commands for one process as the person using this device. Returns the
 * outcome: accepted, refused with reasons, or a storage problem; nothing is thrown at screens.
 */
export function useAppend(processId: string, snapshot: ProcessSnapshot | undefined) {
  const services = useServices();
  const identity = useCurrentIdentity();
  const build = useCallback(
    <T extends EventType>(draft: CommandDraft<T>): ProcessCommand | null => {
      if (!snapshot || !identity) return null;
      const roles = snapshot.context.people[identity.personId]?.roles ?? [];
      const actor = draft.actor ?? { personId: identity.personId, role: roles[0] ?? 'ambassador' };
      return {
        type: draft.type,
        id: crypto.randomUUID(),
        at: timeFor(snapshot, services.now()),
        actor,
        payload: draft.payload,
      } as ProcessCommand;
    },
    [snapshot, identity, services],
  );
  const append = useCallback(
    async (command: ProcessCommand | null, files: readonly StoredFile[] = []): Promise<AppendOutcome> => {
      if (!command) return { ok: false, kind: 'storage', problem: { code: 'failed', detail: 'not ready' } };
      return appendCommand(services.db, services.engine, services.sha256, processId, command, files);
    },
    [services, processId],
  );
  return { build, append, identity };
}
