/**
 * Logs for the sync tests, written by the shared process driver: a process opened under a given
 * id with the whole cast registered, and events prepared on a client's head but not yet stored
 * anywhere, as a device's outbox holds them.
 */
import type { ProcessCommand } from '../../machines/process/process.events.ts';
import { prepareAppend } from '../../src/domain/append.ts';
import type { ChainHead, LoggedEvent } from '../../src/domain/chain.ts';
import type { ScriptPerson } from '../../src/domain/demo/demo-writer.ts';
import { DemoWriter } from '../../src/domain/demo/demo-writer.ts';
import { sealAndSign } from '../../src/domain/event-signature.ts';
import { ProcessDriver, sha256 } from './process-driver.ts';

/** A process opened as `processId` by the ambassador, everyone else of the cast registered. */
export async function openedProcess(processId: string): Promise<ProcessDriver> {
  const d = await ProcessDriver.unopened();
  const { ikbo, gf, pr, tv, rd, iq } = d.people;
  await d.w.record('ProcessOpened', ikbo, { ...d.openingPayload(), processId });
  for (const person of [gf, pr, tv, rd, iq]) await d.w.register(ikbo, person);
  return d;
}

/** An event the engine accepts after the driver's log, signed by its actor; the driver's log is unchanged. */
export async function prepared(
  d: ProcessDriver,
  command: ProcessCommand = d.evidenceCommand('kontrakt'),
  head?: ChainHead,
): Promise<LoggedEvent> {
  const result = await prepareAppend(d.engine, d.snapshot, head ?? d.w.log.head, command, sha256, d.signerFor(command));
  if (!result.accepted) throw new Error(`not accepted: ${JSON.stringify(result.reasons)}`);
  return result.event;
}

/** An event sealed and signed by `by` without asking the engine: what a broken or hostile client sends. */
export function signedUnchecked(d: ProcessDriver, command: ProcessCommand, by: ScriptPerson = d.people.ikbo): Promise<LoggedEvent> {
  return sealAndSign(d.snapshot, command, d.w.log.head, sha256, DemoWriter.signer(by));
}

/** Appends `count` accepted evidence events to the driver's log and returns them. */
export async function appendEvidence(d: ProcessDriver, count: number): Promise<LoggedEvent[]> {
  const before = d.w.log.events.length;
  for (let i = 0; i < count; i++) await d.accept(d.evidenceCommand('kontrakt'));
  return d.w.log.events.slice(before);
}

export const headOf = (events: readonly LoggedEvent[]): { seq: number; hash: string } | null => {
  const last = events[events.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : null;
};
