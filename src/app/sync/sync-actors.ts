/**
 * The work behind each state of the sync machine (machines/sync/sync.machine.ts) for one shared
 * process: the network through the protocol client (src/domain/sync/client.ts), storage through
 * the command surface. What the server answers is turned into the machine's terms: moved on
 * (stale), refused (the user must act), or a failure worth retrying (network, server trouble).
 */
import { fromCallback, fromPromise } from 'xstate';
import type { PullResult, PushResult, ServerHead, SyncEvent, SyncProblem } from '../../../machines/sync/sync.machine.ts';
import type { Send } from '../../db/commands.ts';
import type { SyncLink } from '../../db/reads.ts';
import type { LoggedEvent } from '../../domain/chain.ts';
import type { EventSigner } from '../../domain/event-signature.ts';
import type { SyncClient, SyncResult } from '../../domain/sync/client.ts';
import { MAX_EVENTS_PER_PUSH } from '../../domain/sync/protocol.ts';

/** Answers a retry may cure: the server unreachable, overloaded or failing. */
const TRANSIENT = new Set(['network', 'rateLimited', 'internal', 'badAnswer']);

/** A failed answer as the machine's problem. */
export function problemOf(result: Extract<SyncResult<unknown>, { ok: false }>): SyncProblem {
  if (result.status === 0) return { code: 'network', detail: result.error };
  if (TRANSIENT.has(result.error) || result.status >= 500) return { code: 'server', status: result.status, error: result.error };
  // The engine's reasons for a refused event, when the server names them.
  const reasons = (result.body?.problem as { reasons?: unknown } | undefined)?.reasons;
  return {
    code: 'refused',
    error: result.error,
    reasons: Array.isArray(reasons) ? (reasons as Extract<SyncProblem, { code: 'refused' }>['reasons']) : [],
  };
}

export interface SyncWork {
  processId: string;
  client: SyncClient;
  send: Send;
  /** The link as stored now (its agreed head moves with every push and pull). */
  link: () => Promise<SyncLink | null>;
  pending: (link: SyncLink) => Promise<LoggedEvent[]>;
  /** The key that signs a pending event again in a rebase: the device's own, if it recorded it. */
  signerFor: (event: LoggedEvent) => EventSigner | null;
}

async function currentLink(work: SyncWork): Promise<SyncLink> {
  const link = await work.link();
  if (!link) throw { code: 'refused', error: 'notLinked', reasons: [] } satisfies SyncProblem;
  return link;
}

/** The events of the server's log after `after`, page by page. */
async function pullAll(work: SyncWork, after: number): Promise<{ head: ServerHead; events: LoggedEvent[] }> {
  const events: LoggedEvent[] = [];
  for (;;) {
    const page = await work.client.pull(work.processId, after + events.length);
    if (!page.ok) throw problemOf(page);
    events.push(...page.value.events);
    if (!page.value.more || page.value.events.length === 0) return { head: page.value.head, events };
  }
}

export function syncActors(work: SyncWork) {
  return {
    connect: fromPromise<ServerHead>(async () => {
      const listed = await work.client.listProcesses();
      if (!listed.ok) throw problemOf(listed);
      const entry = listed.value.processes.find((p) => p.processId === work.processId);
      if (!entry) throw { code: 'refused', error: 'processNotFound', reasons: [] } satisfies SyncProblem;
      return entry.head;
    }),

    pull: fromPromise<PullResult>(async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const link = await currentLink(work);
        const { head, events } = await pullAll(work, link.agreed?.seq ?? 0);
        const out = await work.send('applyPull', { processId: work.processId, events, signerFor: work.signerFor });
        if (out.ok) return { head, pending: out.pending, conflicts: out.conflicts };
        // This device appended while the pull ran: read again and rebase that too.
        if (out.problem.code === 'concurrent') continue;
        // A server whose events do not verify is not to be followed, and never silently.
        throw { code: 'refused', error: out.problem.code, reasons: [] } satisfies SyncProblem;
      }
      throw { code: 'network', detail: 'the log kept changing during the pull' } satisfies SyncProblem;
    }),

    push: fromPromise<PushResult>(async () => {
      const link = await currentLink(work);
      const pending = await work.pending(link);
      const agreed = link.agreed;
      if (pending.length === 0 && agreed) return { head: agreed, pending: 0, stale: false };
      const batch = pending.slice(0, MAX_EVENTS_PER_PUSH);
      const pushed = await work.client.push(work.processId, agreed && agreed.seq > 0 ? agreed : null, batch);
      if (!pushed.ok) {
        if (pushed.error === 'headMoved' && pushed.body?.head) return { head: pushed.body.head, pending: pending.length, stale: true };
        throw problemOf(pushed);
      }
      await work.send('noteAgreed', { processId: work.processId, head: pushed.value.head });
      return { head: pushed.value.head, pending: pending.length - batch.length, stale: false };
    }),

    listen: fromCallback<SyncEvent>(({ sendBack }) => {
      const stop = new AbortController();
      work.client
        .live(work.processId, (notice) => sendBack({ type: 'HEAD_MOVED', head: notice.head }), stop.signal)
        .then((ended) => {
          if (stop.signal.aborted) return;
          sendBack({ type: 'LISTEN_FAILED', problem: ended.ok ? { code: 'network', detail: 'the live stream ended' } : problemOf(ended) });
        });
      return () => stop.abort();
    }),
  };
}
