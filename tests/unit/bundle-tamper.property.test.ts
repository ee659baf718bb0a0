import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditBundle } from '../../src/domain/bundle.ts';
import { utf8 } from '../../src/domain/crypto/encoding.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { verifyBundleBytes } from '../../src/domain/verify.ts';
import { demoBundle, sha256 } from '../support/demo.ts';

/**
 * The bundle as compact JSON, with the byte range of every event, so a test can change one byte
 * inside event N and know which event the verdict must name.
 */
function layout(bundle: AuditBundle) {
  const text = JSON.stringify(bundle);
  const bytes = utf8(text);
  const spans: { start: number; end: number; seq: number }[] = [];
  let from = 0;
  for (const event of bundle.events) {
    const json = JSON.stringify(event);
    const charStart = text.indexOf(json, from);
    const start = utf8(text.slice(0, charStart)).length;
    spans.push({ start, end: start + utf8(json).length, seq: event.seq });
    from = charStart + json.length;
  }
  return { bytes, spans };
}

describe('tampering with an exported bundle', () => {
  let bundle: AuditBundle;
  let bytes: Uint8Array;
  let spans: { start: number; end: number; seq: number }[];
  beforeAll(async () => {
    bundle = await demoBundle();
    ({ bytes, spans } = layout(bundle));
  });

  it('leaves an untouched bundle intact', async () => {
    expect((await verifyBundleBytes(engine(), bytes, sha256)).status).toBe('intact');
  });

  it('is detected for any changed byte in any event, hash or signature: broken at that event, or not a bundle', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 255 }), async (pick, flip) => {
        const span = spans[pick % spans.length] as (typeof spans)[number];
        const offset = span.start + (Math.floor(pick / spans.length) % (span.end - span.start));
        const tampered = new Uint8Array(bytes);
        tampered[offset] = (tampered[offset] as number) ^ flip;
        const verdict = await verifyBundleBytes(engine(), tampered, sha256);
        if (verdict.status === 'broken') expect(verdict.event?.seq).toBe(span.seq);
        else expect(verdict.status).toBe('invalid');
      }),
      { numRuns: 300 },
    );
  });

  it('is detected in the signature of every sign-off, at that event', async () => {
    for (const [index, event] of bundle.events.entries()) {
      if (event.type !== 'SignOffGranted' && event.type !== 'SignOffRefused') continue;
      const copy = structuredClone(bundle);
      const target = copy.events[index] as typeof event;
      const sig = target.payload.signature;
      target.payload.signature = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
      const verdict = await verifyBundleBytes(engine(), utf8(JSON.stringify(copy)), sha256);
      expect(verdict).toMatchObject({ status: 'broken', event: { seq: event.seq } });
    }
  });
});
