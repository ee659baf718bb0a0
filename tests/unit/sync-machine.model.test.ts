/**
 * Model-based test of the sync connection machine. xstate/graph walks it with every event the
 * world can send (the browser going on- and offline, local appends, new heads, and each invoked
 * actor finishing or failing in each way), and every step of every path is checked against the
 * promises the header makes: nothing pending is forgotten, going offline always shows offline,
 * a refusal by the server is never retried blindly, a conflict waits for the user.
 */
import { describe, expect, it } from 'vitest';
import { type AnyEventObject, createActor, fromCallback, fromPromise, initialTransition, SimulatedClock, type SnapshotFrom } from 'xstate';
import { adjacencyMapToArray, getAdjacencyMap } from 'xstate/graph';
import {
  BACKOFF_CEILING_MS,
  backoffDelay,
  type PullResult,
  type PushResult,
  type ServerHead,
  type SyncEvent,
  type SyncProblem,
  syncMachine,
} from '../../machines/sync/sync.machine.ts';

type Snapshot = SnapshotFrom<typeof syncMachine>;

const H1: ServerHead = { seq: 10, hash: 'a'.repeat(64) };
const H2: ServerHead = { seq: 12, hash: 'b'.repeat(64) };
const network: SyncProblem = { code: 'network', detail: 'fetch failed' };
const refused: SyncProblem = { code: 'refused', error: 'keyUnknown', reasons: [] };

const done = (id: string, output: unknown) => ({ type: `xstate.done.actor.${id}`, output }) as AnyEventObject;
const error = (id: string, err: unknown) => ({ type: `xstate.error.actor.${id}`, error: err }) as AnyEventObject;

const pulled = (r: PullResult) => done('pull', r);
const pushed = (r: PushResult) => done('push', r);

/** What the world can send at any time. */
const WORLD: AnyEventObject[] = [
  { type: 'ONLINE' },
  { type: 'OFFLINE' },
  { type: 'LOCAL_APPENDED' },
  { type: 'HEAD_MOVED', head: H2 },
  { type: 'LISTEN_FAILED', problem: network },
  { type: 'RETRY' },
];

/** How each invoked actor can end; only the actor of the state the machine is in can end. */
const ENDINGS: Record<string, AnyEventObject[]> = {
  connecting: [done('connect', H1), error('connect', network), error('connect', refused)],
  pulling: [
    pulled({ head: H1, pending: 0, conflicts: 0 }),
    pulled({ head: H2, pending: 2, conflicts: 0 }),
    pulled({ head: H2, pending: 1, conflicts: 1 }),
    error('pull', network),
    error('pull', refused),
  ],
  pushing: [
    pushed({ head: H2, pending: 0, stale: false }),
    pushed({ head: H2, pending: 1, stale: false }),
    pushed({ head: H2, pending: 2, stale: true }),
    error('push', network),
    error('push', refused),
  ],
  backoff: [{ type: 'xstate.after.backoff.sync.backoff' }],
};

const eventsIn = (state: Snapshot): SyncEvent[] => [...WORLD, ...(ENDINGS[state.value as string] ?? [])] as SyncEvent[];

const STATES = Object.keys(syncMachine.root.states);

interface Step {
  before: Snapshot;
  event: AnyEventObject;
  after: Snapshot;
}

/** Every edge of the machine: each reachable state with each event the world can send. */
function walk(online: boolean): Step[] {
  const map = getAdjacencyMap(syncMachine, {
    events: eventsIn,
    input: { online, pending: 1 },
    // Count and attempt kept small, so the walk ends: the state is where it is and what it holds.
    serializeState: (s) => JSON.stringify([s.value, Math.min(s.context.pending, 3), Math.min(s.context.attempt, 3), s.context.conflicts]),
  });
  return adjacencyMapToArray(map).map(({ state, event, nextState }) => ({ before: state, event, after: nextState }));
}

describe('sync machine model', () => {
  const steps = [...walk(true), ...walk(false)];
  const moved = steps.filter((s) => s.before.value !== s.after.value || s.before.context !== s.after.context);

  it('reaches every state but the transient start', () => {
    const reached = new Set(steps.flatMap((s) => [s.before.value, s.after.value]));
    expect([...reached].sort()).toEqual(STATES.filter((s) => s !== 'starting').sort());
  });

  it('starts offline when the browser is offline, and connects when it is online', () => {
    expect(initialTransition(syncMachine, { online: false, pending: 0 })[0].value).toBe('offline');
    expect(initialTransition(syncMachine, { online: true, pending: 0 })[0].value).toBe('connecting');
  });

  it('shows offline after OFFLINE, from every state', () => {
    const offline = steps.filter((s) => s.event.type === 'OFFLINE');
    expect(new Set(offline.map((s) => s.before.value)).size).toBeGreaterThanOrEqual(STATES.length - 1);
    expect(offline.filter((s) => s.after.value !== 'offline')).toEqual([]);
  });

  it('never forgets a pending event: the count only falls by what the server took or a rebase settled', () => {
    expect(moved.length).toBeGreaterThan(50);
    const lost = moved.filter((s) => {
      const settledBy = s.event.type === 'xstate.done.actor.push' || s.event.type === 'xstate.done.actor.pull';
      return !settledBy && s.after.context.pending < s.before.context.pending;
    });
    expect(lost).toEqual([]);
  });

  it('counts an append in every state, and pushes it when live', () => {
    const appends = steps.filter((s) => s.event.type === 'LOCAL_APPENDED');
    expect(appends.length).toBeGreaterThan(5);
    expect(appends.filter((s) => s.after.context.pending !== s.before.context.pending + 1)).toEqual([]);
    expect(appends.filter((s) => s.before.value === 'live').map((s) => s.after.value)).toContain('pushing');
  });

  it('lands every refusal by the server in refused, never in a blind retry', () => {
    const refusals = steps.filter(
      (s) => s.event.type.startsWith('xstate.error.actor.') && (s.event.error as SyncProblem).code === 'refused',
    );
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.filter((s) => s.after.value !== 'refused')).toEqual([]);
    expect(refusals.every((s) => s.after.context.problem?.code === 'refused')).toBe(true);
    // From refused only the user's retry (or going offline) leads on; a timer never does.
    const fromRefused = moved.filter((s) => s.before.value === 'refused' && s.after.value !== 'refused');
    expect([...new Set(fromRefused.map((s) => s.event.type))].sort()).toEqual(['OFFLINE', 'RETRY']);
  });

  it('backs off after a network failure, counting the attempts, and resets them on success', () => {
    const failures = steps.filter(
      (s) => s.event.type.startsWith('xstate.error.actor.') && (s.event.error as SyncProblem).code === 'network',
    );
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.filter((s) => s.after.value !== 'backoff' || s.after.context.attempt !== s.before.context.attempt + 1)).toEqual([]);
    const timers = steps.filter((s) => s.event.type.startsWith('xstate.after.'));
    expect(timers.length).toBeGreaterThan(0);
    expect(timers.filter((s) => s.after.value !== 'connecting')).toEqual([]);
    const successes = steps.filter((s) => s.event.type === 'xstate.done.actor.connect' || s.event.type === 'xstate.done.actor.push');
    expect(successes.filter((s) => s.after.context.attempt !== 0)).toEqual([]);
  });

  it('keeps a conflict until the user resolves it, and pulls again then', () => {
    const conflicts = steps.filter((s) => s.after.value === 'conflict' && s.before.value !== 'conflict');
    expect(conflicts.length).toBeGreaterThan(0);
    expect(conflicts.every((s) => s.after.context.conflicts > 0)).toBe(true);
    const leaving = moved.filter((s) => s.before.value === 'conflict' && s.after.value !== 'conflict');
    expect(new Set(leaving.map((s) => `${s.event.type}→${s.after.value}`))).toEqual(new Set(['RETRY→pulling', 'OFFLINE→offline']));
  });

  it('pulls and rebases when a push finds the server head moved, instead of pushing again', () => {
    const stale = steps.filter((s) => s.event.type === 'xstate.done.actor.push' && (s.event.output as PushResult).stale);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.filter((s) => s.after.value !== 'pulling' || s.after.context.pending !== s.before.context.pending)).toEqual([]);
  });
});

describe('backoff', () => {
  it('doubles from one second to a ceiling of a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(backoffDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(backoffDelay(50)).toBe(BACKOFF_CEILING_MS);
  });

  it('waits on a simulated clock, then connects again and goes live', async () => {
    const clock = new SimulatedClock();
    let connects = 0;
    const actor = createActor(
      syncMachine.provide({
        actors: {
          connect: fromPromise(async () => {
            connects++;
            if (connects === 1) throw network;
            return H1;
          }),
          pull: fromPromise(async (): Promise<PullResult> => ({ head: H1, pending: 0, conflicts: 0 })),
          push: fromPromise(async (): Promise<PushResult> => ({ head: H1, pending: 0, stale: false })),
          listen: fromCallback(() => () => {}),
        },
      }),
      { input: { online: true, pending: 0 }, clock },
    );
    actor.start();
    await until(() => actor.getSnapshot().value === 'backoff');
    expect(actor.getSnapshot().context.problem).toEqual(network);
    clock.increment(backoffDelay(1) - 1);
    expect(actor.getSnapshot().value).toBe('backoff');
    clock.increment(1);
    await until(() => actor.getSnapshot().value === 'live');
    expect(connects).toBe(2);
    expect(actor.getSnapshot().context).toMatchObject({ attempt: 0, problem: null, head: H1 });
    actor.stop();
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(condition()).toBe(true);
}
