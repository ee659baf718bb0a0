/**
 * The life cycle of one process's connection to a sync server, as the header shows it: offline,
 * connecting, pulling what others appended, pushing what this device appended, live (waiting for
 * news), backing off after a failure, a conflict the user must resolve, or a refusal by the server.
 *
 * The machine decides only what to do next; the work is done by the actors it invokes (`connect`,
 * `pull`, `push`, `listen`), which the app provides (src/app/sync) and tests replace. Every
 * failure is remembered with its reason, and nothing pending is ever dropped: a push the server
 * refuses as stale leads to a pull and a rebase, and what the rebase cannot place is a conflict
 * that waits for the user.
 */
import { assign, fromCallback, fromPromise, setup } from 'xstate';

/** The server's head of the process's log. */
export interface ServerHead {
  seq: number;
  hash: string;
}

/** Why the connection is not working, in terms the header can say in words. */
export type SyncProblem =
  | { code: 'network'; detail: string }
  | { code: 'server'; status: number; error: string }
  /** The server refused the device's key or the push: nothing will change by retrying alone. */
  | { code: 'refused'; error: string; reasons: readonly { code: string; params?: Record<string, unknown> }[] };

/** What a pull left to do: events of this device not yet on the server, and those now refused. */
export interface PullResult {
  head: ServerHead;
  pending: number;
  conflicts: number;
}

export interface PushResult {
  head: ServerHead;
  pending: number;
  /** The server's head had moved on: pull, rebase and push again. */
  stale: boolean;
}

export interface SyncContext {
  head: ServerHead | null;
  pending: number;
  conflicts: number;
  /** Failures in a row; the next wait doubles with each, up to the ceiling. */
  attempt: number;
  problem: SyncProblem | null;
  /** Whether the browser was online when the machine started. */
  startedOnline: boolean;
}

export type SyncEvent =
  | { type: 'ONLINE' }
  | { type: 'OFFLINE' }
  /** This device appended to the process: there is something to push. */
  | { type: 'LOCAL_APPENDED' }
  /** The server announced a new head (Server-Sent Events). */
  | { type: 'HEAD_MOVED'; head: ServerHead }
  /** The live channel dropped. */
  | { type: 'LISTEN_FAILED'; problem: SyncProblem }
  /** The user resolved the conflicts, or asks to try again now. */
  | { type: 'RETRY' };

export const BACKOFF_FIRST_MS = 1000;
export const BACKOFF_CEILING_MS = 60_000;

/** The wait before the `attempt`-th retry: 1 s, 2 s, 4 s, … at most a minute. */
export function backoffDelay(attempt: number): number {
  return Math.min(BACKOFF_CEILING_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, attempt - 1));
}

const failed = (problem: unknown): SyncProblem =>
  typeof problem === 'object' && problem !== null && 'code' in problem
    ? (problem as SyncProblem)
    : { code: 'network', detail: problem instanceof Error ? problem.message : String(problem) };

/** Every actor's failure: a refusal by the server waits for the user; anything else backs off. */
const whenFailed = [
  { guard: 'refusedByServer', target: 'refused', actions: 'noteFailure' },
  { target: 'backoff', actions: 'noteFailure' },
] as const;

export const syncMachine = setup({
  types: {
    context: {} as SyncContext,
    events: {} as SyncEvent,
    input: {} as { online: boolean; pending: number },
  },
  actors: {
    /** Checks the server knows the process and this device's key; resolves with its head. */
    connect: fromPromise<ServerHead>(async () => {
      throw new Error('connect is provided by the app');
    }),
    /** Fetches the events after the local copy of the server's log and rebases what is pending. */
    pull: fromPromise<PullResult>(async () => {
      throw new Error('pull is provided by the app');
    }),
    /** Pushes the pending events on the server's head. */
    push: fromPromise<PushResult>(async () => {
      throw new Error('push is provided by the app');
    }),
    /** Listens for new heads; sends HEAD_MOVED and LISTEN_FAILED back. */
    listen: fromCallback<SyncEvent>(() => () => {}),
  },
  guards: {
    somethingToPush: ({ context }) => context.pending > 0,
    refusedByServer: ({ event }) => failed((event as { error?: unknown }).error).code === 'refused',
  },
  actions: {
    noteFailure: assign(({ context, event }) => ({
      attempt: context.attempt + 1,
      problem: failed((event as { error?: unknown; problem?: unknown }).error ?? (event as { problem?: unknown }).problem),
    })),
    noteSuccess: assign({ attempt: 0, problem: null }),
  },
  delays: {
    backoff: ({ context }) => backoffDelay(context.attempt),
  },
}).createMachine({
  id: 'sync',
  context: ({ input }) => ({ head: null, pending: input.pending, conflicts: 0, attempt: 0, problem: null, startedOnline: input.online }),
  initial: 'starting',
  on: {
    OFFLINE: { target: '.offline' },
    LOCAL_APPENDED: { actions: assign({ pending: ({ context }) => context.pending + 1 }) },
  },
  states: {
    starting: {
      always: [{ guard: ({ context }) => context.startedOnline, target: 'connecting' }, { target: 'offline' }],
    },
    offline: {
      on: { ONLINE: 'connecting', RETRY: 'connecting' },
    },
    connecting: {
      invoke: {
        id: 'connect',
        src: 'connect',
        onDone: { target: 'pulling', actions: [assign({ head: ({ event }) => event.output }), 'noteSuccess'] },
        onError: whenFailed,
      },
    },
    pulling: {
      invoke: {
        id: 'pull',
        src: 'pull',
        onDone: [
          {
            guard: ({ event }) => event.output.conflicts > 0,
            target: 'conflict',
            actions: assign(({ event }) => ({ head: event.output.head, pending: event.output.pending, conflicts: event.output.conflicts })),
          },
          {
            guard: ({ event }) => event.output.pending > 0,
            target: 'pushing',
            actions: assign(({ event }) => ({ head: event.output.head, pending: event.output.pending, conflicts: 0 })),
          },
          { target: 'live', actions: assign(({ event }) => ({ head: event.output.head, pending: 0, conflicts: 0 })) },
        ],
        onError: whenFailed,
      },
    },
    pushing: {
      invoke: {
        id: 'push',
        src: 'push',
        onDone: [
          // Someone else appended first: their events come in and ours are rebased onto them.
          { guard: ({ event }) => event.output.stale, target: 'pulling', actions: assign({ head: ({ event }) => event.output.head }) },
          {
            guard: ({ event }) => event.output.pending > 0,
            target: 'pushing',
            reenter: true,
            actions: [assign(({ event }) => ({ head: event.output.head, pending: event.output.pending })), 'noteSuccess'],
          },
          { target: 'live', actions: [assign(({ event }) => ({ head: event.output.head, pending: 0 })), 'noteSuccess'] },
        ],
        onError: whenFailed,
      },
      // An append while a push runs is counted and pushed by the next round.
    },
    live: {
      invoke: { id: 'listen', src: 'listen' },
      always: [{ guard: 'somethingToPush', target: 'pushing' }],
      on: {
        LOCAL_APPENDED: { target: 'pushing', actions: assign({ pending: ({ context }) => context.pending + 1 }) },
        HEAD_MOVED: [
          { guard: ({ context, event }) => context.head?.seq === event.head.seq && context.head.hash === event.head.hash },
          { target: 'pulling' },
        ],
        LISTEN_FAILED: { target: 'backoff', actions: 'noteFailure' },
      },
    },
    backoff: {
      after: { backoff: 'connecting' },
      on: { ONLINE: 'connecting', RETRY: 'connecting' },
    },
    /** Events of this device that the process no longer accepts: shown with reasons until resolved. */
    conflict: {
      on: { RETRY: 'pulling' },
    },
    /** The server refused the key or the push: retrying alone changes nothing; the user acts, then retries. */
    refused: {
      on: { RETRY: 'connecting' },
    },
  },
});

export type SyncStatus = 'offline' | 'connecting' | 'pulling' | 'pushing' | 'live' | 'backoff' | 'conflict' | 'refused';
