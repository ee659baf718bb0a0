/**
 * Hooks for screens that work with one process: its live state and appending commands to it.
 * Apart from data.tsx because they need the storage and engine code, which the start screen
 * does not load.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useCallback, useContext } from 'react';
import type { Actor, EventType, PayloadOf, ProcessCommand } from '../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { actingRole, permittedEventTypes } from '../../machines/process/process.queries.ts';
import type { RoleId } from '../../standards/schema.ts';
import type { ReadOnlyOrigin, StoredFile } from '../db/database.ts';
import { processView } from '../db/process-reads.ts';
import type { AppendOutcome } from '../db/process-store.ts';
import { eventSignerOf, useCurrentIdentity, useSend, useServices, useSigner } from './data.tsx';

export type ProcessView =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'corrupt'; detail: string }
  | { status: 'ready'; snapshot: ProcessSnapshot; readOnly: ReadOnlyOrigin | null };

/** The live state of one process, replayed from its log (or its cache). */
export function useProcess(processId: string): ProcessView {
  const { db, engine } = useServices();
  const result = useLiveQuery(() => processView(db, engine, processId), [db, engine, processId]);
  if (result === undefined) return { status: 'loading' };
  if (result === 'missing') return { status: 'missing' };
  if (!result.loaded.ok) return { status: 'corrupt', detail: result.loaded.detail };
  return { status: 'ready', snapshot: result.loaded.state.snapshot, readOnly: result.readOnly };
}

const ReadOnlyContext = createContext<ReadOnlyOrigin | null>(null);

/** Marks the process below as a read-only copy: actions say so instead of offering themselves. */
export const ReadOnlyProvider = ReadOnlyContext.Provider;

/** Whether the process on screen is a read-only copy, and where it came from. */
export function useReadOnly(): ReadOnlyOrigin | null {
  return useContext(ReadOnlyContext);
}

/** Now, but never before the last event: a device clock that runs late cannot break the log. */
export function timeFor(snapshot: ProcessSnapshot, now: Date): string {
  // ISO timestamps compare as strings; Math.max would not.
  const at = now.toISOString();
  return at < snapshot.context.lastAt ? snapshot.context.lastAt : at;
}

export type CommandDraft<T extends EventType> = { type: T; payload: PayloadOf<T>; actor?: Actor };

/**
 * Builds and appends commands for one process as the person using this device, each signed with
 * their key. Returns the outcome: accepted, refused with reasons (also when the profile is locked:
 * nothing can be recorded without the key), or a storage problem; nothing is thrown at screens.
 */
export function useAppend(processId: string, snapshot: ProcessSnapshot | undefined) {
  const services = useServices();
  const send = useSend();
  const identity = useCurrentIdentity();
  const signer = useSigner();
  /** Who records an event of `type`: this person, in the role permitted for it. */
  const actorFor = useCallback(
    (type: EventType): Actor | null => {
      if (!snapshot || !identity) return null;
      const roles = snapshot.context.people[identity.personId]?.roles ?? [];
      // A person without a permitted role still gets an actor, so the engine's refusal (not
      // registered, role may not) is what the screen shows.
      const role = actingRole(services.engine.rulebook, snapshot.context, identity.personId, type) ?? roles[0] ?? 'ambassador';
      return { personId: identity.personId, role };
    },
    [snapshot, identity, services],
  );
  const build = useCallback(
    <T extends EventType>(draft: CommandDraft<T>): ProcessCommand | null => {
      const actor = draft.actor ?? actorFor(draft.type);
      if (!snapshot || !actor) return null;
      return {
        type: draft.type,
        id: crypto.randomUUID(),
        at: timeFor(snapshot, services.now()),
        actor,
        payload: draft.payload,
      } as ProcessCommand;
    },
    [snapshot, actorFor, services],
  );
  const append = useCallback(
    async (command: ProcessCommand | null, files: readonly StoredFile[] = []): Promise<AppendOutcome> => {
      if (!command) return { ok: false, kind: 'storage', problem: { code: 'failed', detail: 'not ready' } };
      return send('recordEvent', { processId, command, signer: signer ? eventSignerOf(signer) : null, files });
    },
    [send, processId, signer],
  );
  return { build, actorFor, append, identity, signer };
}

/**
 * Which actions the screens offer the person on this device in one process. A registered person
 * sees only what their roles may record (the director is not offered "Freigabe beantragen" with a
 * refusal); a person not registered in the process is offered nothing. With no profile at all,
 * everything is offered, and each button says that recording needs a profile and its key.
 */
export type ActionScope =
  | { kind: 'noProfile' }
  | { kind: 'notRegistered'; name: string }
  | { kind: 'roles'; roles: readonly RoleId[]; permitted: readonly EventType[] };

export function useActionScope(snapshot: ProcessSnapshot): { scope: ActionScope; may: (type: EventType) => boolean } {
  const { engine } = useServices();
  const identity = useCurrentIdentity();
  const person = identity ? snapshot.context.people[identity.personId] : undefined;
  if (!identity) return { scope: { kind: 'noProfile' }, may: () => true };
  if (!person) return { scope: { kind: 'notRegistered', name: identity.name }, may: () => false };
  const permitted = permittedEventTypes(engine.rulebook, snapshot.context, identity.personId);
  return { scope: { kind: 'roles', roles: person.roles, permitted }, may: (type) => permitted.includes(type) };
}
