/**
 * The demo process, built once per test file: a realistic log of 160 events, every one signed, with real keys,
 * shared by the tests that need a lived-in process rather than a hand-made one.
 */
import type { ProcessCommand } from '../../machines/process/process.events.ts';
import { type AuditBundleV2, buildBundle } from '../../src/domain/bundle.ts';
import type { LoggedEvent } from '../../src/domain/chain.ts';
import { nodeSha256Hex } from '../../src/domain/crypto/node-sha256.ts';
import { DemoWriter } from '../../src/domain/demo/demo-writer.ts';
import { buildJobcenterDemo, type DemoProcess } from '../../src/domain/demo/jobcenter-demo.ts';
import type { EventSigner } from '../../src/domain/event-signature.ts';
import { engine } from '../../src/domain/process-engine.ts';

export const sha256 = nodeSha256Hex;

let demo: Promise<DemoProcess> | undefined;
export function demoProcess(): Promise<DemoProcess> {
  demo ??= buildJobcenterDemo(engine(), sha256);
  return demo;
}

export async function demoBundle(exportedAt = '2026-11-25T10:00:00.000Z'): Promise<AuditBundleV2> {
  const { writer, people } = await demoProcess();
  return buildBundle({
    engine: engine(),
    events: writer.log.events,
    snapshot: writer.log.snapshot,
    exporter: { personId: people.ikbo.personId, key: people.ikbo.key },
    exportedAt,
  });
}

/**
 * Who recorded a demo event, as a signer: the owner of the key that signed it. Lets a test append
 * the demo's events again as commands, each signed by the same person as in the demo.
 */
export async function demoRecorderOf(event: { signerKeyId?: string }): Promise<EventSigner | null> {
  const { people } = await demoProcess();
  const person = Object.values(people).find((p) => p.key.record.keyId === event.signerKeyId);
  return person ? DemoWriter.signer(person) : null;
}

/** A logged event as the command it was: its place in the chain and its signature are the log's to give. */
export function asCommand(event: LoggedEvent): ProcessCommand {
  const { seq: _s, prevHash: _p, hash: _h, signerKeyId: _k, signature: _g, ...command } = event;
  return command as ProcessCommand;
}
