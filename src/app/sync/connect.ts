/**
 * Connecting a process of this device to a sync server. A process the server already holds (a
 * colleague brought it) is linked from nothing agreed: the first pull admits the server's log and
 * rebases whatever this device has beyond it. A process the server does not hold yet is brought
 * with the operator's one-time invitation code: the whole log is pushed, then linked as agreed.
 */
import type { Send } from '../../db/commands.ts';
import type { ImportOutcome } from '../../db/process-store.ts';
import type { SyncLink } from '../../db/reads.ts';
import type { LoggedEvent } from '../../domain/chain.ts';
import type { SyncClient } from '../../domain/sync/client.ts';
import { MAX_EVENTS_PER_PUSH } from '../../domain/sync/protocol.ts';

export type ConnectOutcome = { ok: true; link: SyncLink } | { ok: false; error: string };

export async function connectProcess(args: {
  client: SyncClient;
  send: Send;
  processId: string;
  personId: string;
  serverUrl: string;
  invitation: string;
  events: readonly LoggedEvent[];
  now: Date;
}): Promise<ConnectOutcome> {
  const { client, processId } = args;
  const base = { processId, serverUrl: args.serverUrl, personId: args.personId, connectedAt: args.now.toISOString() };
  const listed = await client.listProcesses();
  if (listed.ok && listed.value.processes.some((p) => p.processId === processId)) {
    const link: SyncLink = { ...base, agreed: null };
    await args.send('linkSync', { link });
    return { ok: true, link };
  }
  // A key the server finds in none of its logs is unknown to it: expected for a new process.
  if (!listed.ok && listed.error !== 'keyUnknown') return { ok: false, error: listed.error };
  if (!args.invitation.trim()) return { ok: false, error: 'processNotFound' };
  let head: { seq: number; hash: string } | null = null;
  for (let from = 0; from < args.events.length; from += MAX_EVENTS_PER_PUSH) {
    const batch = args.events.slice(from, from + MAX_EVENTS_PER_PUSH);
    const pushed = await client.push(processId, head, batch, head ? undefined : args.invitation.trim());
    if (!pushed.ok) return { ok: false, error: pushed.error };
    head = pushed.value.head;
  }
  if (!head) return { ok: false, error: 'badRequest' };
  const link: SyncLink = { ...base, agreed: head };
  await args.send('linkSync', { link });
  return { ok: true, link };
}

/** Fetches a process's whole log from the server and stores it here, linked as agreed. */
export async function takeFromServer(args: {
  client: SyncClient;
  send: Send;
  processId: string;
  personId: string;
  serverUrl: string;
  now: Date;
}): Promise<{ ok: true } | { ok: false; error: string; outcome?: ImportOutcome }> {
  const events: LoggedEvent[] = [];
  let head: { seq: number; hash: string } | null = null;
  for (;;) {
    const page = await args.client.pull(args.processId, events.length);
    if (!page.ok) return { ok: false, error: page.error };
    events.push(...page.value.events);
    head = page.value.head;
    if (!page.value.more || page.value.events.length === 0) break;
  }
  const link: SyncLink = {
    processId: args.processId,
    serverUrl: args.serverUrl,
    personId: args.personId,
    connectedAt: args.now.toISOString(),
    agreed: head,
  };
  const outcome = await args.send('takeFromServer', { events, link });
  return outcome.ok ? { ok: true } : { ok: false, error: outcome.kind === 'exists' ? 'exists' : 'serverLogInvalid', outcome };
}
