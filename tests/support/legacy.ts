/**
 * Logs and bundles as they were before every event was signed (format 1): the demo's events with
 * their signatures, signing keys and proofs of possession taken out, and chained again. Sign-off
 * decisions name their request by its hash, which changes with the request's signature gone, so
 * each decision is signed again by its director (as a format-1 device did). The people still hold
 * their private keys, so a test can continue such a log as an upgraded device would: signed from
 * the next event on.
 */
import type { EventOf } from '../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { PROCESS_MACHINE_VERSION } from '../../machines/process/process.machine.ts';
import { type AuditBundle, BUNDLE_FORMAT, evidenceIndexOf, peopleOf } from '../../src/domain/bundle.ts';
import { type LoggedEvent, seal } from '../../src/domain/chain.ts';
import type { SigningKey } from '../../src/domain/crypto/keys.ts';
import { decide, engine } from '../../src/domain/process-engine.ts';
import { signDecision } from '../../src/domain/signoff-commands.ts';
import { type BundleHeadStatementV1, signStatement } from '../../src/domain/statements.ts';
import { asCommand, demoProcess, sha256 } from './demo.ts';

type Decision = EventOf<'SignOffGranted' | 'SignOffRefused'>;

/** `keys`: the private keys of the log's directors (the demo's people by default). */
export async function unsignedCopy(events: readonly LoggedEvent[], keys?: readonly SigningKey[]): Promise<LoggedEvent[]> {
  const known = keys ?? Object.values((await demoProcess()).people).map((p) => p.key);
  const keyOf = (keyId: string) => known.find((k) => k.record.keyId === keyId);
  const out: LoggedEvent[] = [];
  const requestHashes = new Map<string, string>();
  let snapshot = engine().initial;
  for (const event of events) {
    let command = asCommand(event);
    if (command.type === 'PersonRegistered' || command.type === 'KeyRegistered') {
      const { keyProof: _proof, ...payload } = command.payload;
      command = { ...command, payload } as typeof command;
    }
    if (command.type === 'SignOffGranted' || command.type === 'SignOffRefused') {
      const key = keyOf(command.payload.keyId);
      if (!key) throw new Error(`no key ${command.payload.keyId}`);
      const requestHash = requestHashes.get(command.payload.requestId) ?? '';
      command = await signDecision(snapshot, { ...command, payload: { ...command.payload, requestHash } } as Decision, key.privateKey);
    }
    const previous = out[out.length - 1];
    const sealed = await seal(command, previous ? { seq: previous.seq, hash: previous.hash } : null, sha256);
    if (sealed.type === 'SignOffRequested') requestHashes.set(sealed.payload.requestId, sealed.hash);
    const decision = await decide(engine(), snapshot, sealed, sha256);
    if (!decision.accepted) throw new Error(`legacy copy of event ${event.seq} refused: ${JSON.stringify(decision.reasons)}`);
    snapshot = decision.snapshot;
    out.push(sealed);
  }
  return out;
}

/** A format-1 bundle of an unsigned log, its head signed as format 1 did. */
export async function formatOneBundle(
  events: readonly LoggedEvent[],
  snapshot: ProcessSnapshot,
  exporter: { personId: string; key: SigningKey },
  exportedAt: string,
): Promise<AuditBundle> {
  const ctx = snapshot.context;
  const last = events[events.length - 1] as LoggedEvent;
  const head: BundleHeadStatementV1 = {
    type: 'ankerpunkt.bundle-head',
    version: 1,
    processId: ctx.processId,
    eventCount: events.length,
    headHash: last.hash,
    exportedAt,
    exportedBy: { personId: exporter.personId, keyId: exporter.key.record.keyId },
  };
  return {
    format: BUNDLE_FORMAT,
    formatVersion: 1,
    process: { processId: ctx.processId, agency: ctx.agency as NonNullable<typeof ctx.agency> },
    templateVersion: ctx.templateVersion,
    catalogVersion: ctx.catalogVersion,
    machineVersion: PROCESS_MACHINE_VERSION,
    people: peopleOf(ctx),
    events: [...events] as never,
    evidence: evidenceIndexOf(ctx),
    head: { ...head, signature: await signStatement(exporter.key.privateKey, head) },
  };
}
