/**
 * The demo process, built once per test file: a realistic log of 160 events with real keys,
 * shared by the tests that need a lived-in process rather than a hand-made one.
 */
import { type AuditBundle, buildBundle } from '../../src/domain/bundle.ts';
import { nodeSha256Hex } from '../../src/domain/crypto/node-sha256.ts';
import { buildJobcenterDemo, type DemoProcess } from '../../src/domain/demo/jobcenter-demo.ts';
import { engine } from '../../src/domain/process-engine.ts';

export const sha256 = nodeSha256Hex;

let demo: Promise<DemoProcess> | undefined;
export function demoProcess(): Promise<DemoProcess> {
  demo ??= buildJobcenterDemo(engine(), sha256);
  return demo;
}

export async function demoBundle(exportedAt = '2026-11-25T10:00:00.000Z'): Promise<AuditBundle> {
  const { writer, people } = await demoProcess();
  return buildBundle({
    engine: engine(),
    events: writer.log.events,
    snapshot: writer.log.snapshot,
    exporter: { personId: people.ikbo.personId, key: people.ikbo.key },
    exportedAt,
  });
}
