import { describe, expect, it } from 'vitest';
import { type AuditBundle, type AuditBundleV2, buildBundle } from '../../src/domain/bundle.ts';
import type { LoggedEvent } from '../../src/domain/chain.ts';
import { utf8 } from '../../src/domain/crypto/encoding.ts';
import { generateSigningKey } from '../../src/domain/crypto/keys.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { alreadyVerified, verifyBundle, verifyBundleBytes, verifyEvents } from '../../src/domain/verify.ts';
import { demoBundle, demoProcess, sha256 } from '../support/demo.ts';
import { relink } from '../support/forgery.ts';

function withHead(bundle: AuditBundleV2, events: LoggedEvent[]): AuditBundleV2 {
  const last = events[events.length - 1] as LoggedEvent;
  return { ...bundle, events, head: { ...bundle.head, eventCount: events.length, headHash: last.hash } };
}

const verify = (bundle: AuditBundle) => verifyBundle(engine(), bundle, sha256);

describe('verifying an audit bundle', () => {
  it('accepts the exported demo and summarises it', async () => {
    const verdict = await verify(await demoBundle());
    expect(verdict.status).toBe('intact');
    if (verdict.status !== 'intact') return;
    expect(verdict.summary).toMatchObject({ processId: 'jc-neckar-alb', eventCount: 160, exportedBy: 'Leyla Aydın' });
    expect(verdict.summary.signatures).toBeGreaterThan(10);
  });

  it('catches a log cut short whose head was recomputed but could not be re-signed', async () => {
    const bundle = await demoBundle();
    const cut = bundle.events.slice(0, 120);
    expect(await verify(withHead(bundle, cut))).toMatchObject({ status: 'broken', event: null, problem: { code: 'headSignatureInvalid' } });
  });

  it('catches a log cut short with the original head', async () => {
    const bundle = await demoBundle();
    expect(await verify({ ...bundle, events: bundle.events.slice(0, 120) })).toMatchObject({
      status: 'broken',
      problem: { code: 'headCountMismatch', expected: 120, got: 160 },
    });
  });

  it('catches a rewritten refusal comment even when the whole chain is recomputed: the signature no longer holds', async () => {
    const bundle = await demoBundle();
    const index = bundle.events.findIndex((e) => e.type === 'SignOffRefused');
    const events = structuredClone(bundle.events);
    const refusal = events[index] as Extract<LoggedEvent, { type: 'SignOffRefused' }>;
    refusal.payload.comment = 'Einverstanden.';
    // An outsider re-links the chain: the event's own signature no longer holds.
    const relinked = await verify(withHead(bundle, await relink(events)));
    expect(relinked).toMatchObject({ status: 'broken', event: { seq: index + 1 }, problem: { code: 'signature' } });
    if (relinked.status === 'broken' && relinked.problem.code === 'signature') {
      expect(relinked.problem.reasons[0]?.code).toBe('eventSignatureInvalid');
    }
    // The ambassador, who may record decisions, re-signs the event with her own key: the
    // director's statement signature over the comment still does not hold.
    const { people } = await demoProcess();
    const resigned = await relink(events, index, (e) => (e.seq === index + 1 ? people.ikbo.key : null));
    const insider = await verify(withHead(bundle, resigned));
    expect(insider).toMatchObject({ status: 'broken', event: { seq: index + 1 }, problem: { code: 'refused' } });
    if (insider.status === 'broken' && insider.problem.code === 'refused') expect(insider.problem.reasons[0]?.code).toBe('badSignature');
  });

  it('catches a sign-off attributed to a person without the required role', async () => {
    const bundle = await demoBundle();
    const index = bundle.events.findIndex((e) => e.type === 'SignOffGranted' && e.actor.role === 'staffCouncil');
    const events = structuredClone(bundle.events);
    (events[index] as LoggedEvent).actor.role = 'regionalDirectorate';
    expect(await verify(withHead(bundle, await relink(events)))).toMatchObject({
      status: 'broken',
      event: { seq: index + 1 },
      problem: { code: 'signature' },
    });
  });

  it('catches a head signed by someone who is not registered in the process', async () => {
    const { writer } = await demoProcess();
    const stranger = await generateSigningKey();
    const bundle = await buildBundle({
      engine: engine(),
      events: writer.log.events,
      snapshot: writer.log.snapshot,
      exporter: { personId: 'p-aydin', key: stranger },
      exportedAt: '2026-11-25T10:00:00.000Z',
    });
    expect(await verify(bundle)).toMatchObject({ status: 'broken', problem: { code: 'headSignerUnknown' } });
  });

  it('catches a head signed with a key revoked earlier in the log', async () => {
    const { writer, people } = await demoProcess();
    const bundle = await buildBundle({
      engine: engine(),
      events: writer.log.events,
      snapshot: writer.log.snapshot,
      exporter: { personId: people.gf.personId, key: people.gf.key },
      exportedAt: '2026-11-25T10:00:00.000Z',
    });
    expect(await verify(bundle)).toMatchObject({ status: 'broken', problem: { code: 'headSignerRevoked' } });
  });

  it('keeps signatures made before a key was revoked valid', async () => {
    const bundle = await demoBundle();
    const revokedAt = bundle.events.findIndex((e) => e.type === 'KeyRevoked');
    const before = bundle.events.slice(0, revokedAt).filter((e) => e.type === 'SignOffGranted' && e.actor.personId === 'p-berger');
    expect(before.length).toBeGreaterThan(0);
    expect((await verify(bundle)).status).toBe('intact');
  });

  it('catches people or evidence sections that disagree with the events', async () => {
    const bundle = await demoBundle();
    const people = structuredClone(bundle.people);
    (people[1] as (typeof people)[number]).roles = ['ambassador'];
    expect(await verify({ ...bundle, people })).toMatchObject({
      status: 'broken',
      problem: { code: 'sectionMismatch', section: 'people' },
    });
    const evidence = structuredClone(bundle.evidence);
    (evidence[0] as (typeof evidence)[number]).sha256 = 'f'.repeat(64);
    expect(await verify({ ...bundle, evidence })).toMatchObject({
      status: 'broken',
      problem: { code: 'sectionMismatch', section: 'evidence' },
    });
  });

  it('says what is wrong with a file that is not a bundle at all', async () => {
    const bytes = (text: string) => verifyBundleBytes(engine(), utf8(text), sha256);
    expect(await bytes('{"format": ')).toMatchObject({ status: 'invalid', problem: { code: 'notJson' } });
    expect(await bytes('[1,2]')).toMatchObject({ status: 'invalid', problem: { code: 'notBundle' } });
    expect(await bytes('{"format":"ankerpunkt.audit-bundle","formatVersion":3}')).toMatchObject({
      status: 'invalid',
      problem: { code: 'wrongVersion', got: 3 },
    });
    expect(await verifyBundleBytes(engine(), new Uint8Array([0x7b, 0xff, 0x7d]), sha256)).toMatchObject({
      status: 'invalid',
      problem: { code: 'notUtf8' },
    });
    const bundle = structuredClone(await demoBundle()) as unknown as { events: { payload: Record<string, unknown> }[] };
    const verdict = await bytes(JSON.stringify(bundle).replace('"payload":{', '"payload":{"__proto__":{"polluted":true},'));
    expect(verdict).toMatchObject({ status: 'invalid', problem: { code: 'pollutingKey', path: expect.stringContaining('__proto__') } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the path of a schema error', async () => {
    const bundle = structuredClone(await demoBundle()) as unknown as { events: { payload: { reason?: unknown } }[] };
    const index = bundle.events.findIndex((e) => 'reason' in e.payload);
    (bundle.events[index] as { payload: { reason?: unknown } }).payload.reason = 42;
    const verdict = await verifyBundleBytes(engine(), utf8(JSON.stringify(bundle)), sha256);
    expect(verdict).toMatchObject({
      status: 'invalid',
      problem: { code: 'schema', issues: [{ path: `events[${index}].payload.reason` }] },
    });
  });
});

describe('remembering a verified log', () => {
  it('hands the end state of the very array it verified, and forgets it once the array changes', async () => {
    const events = [...(await demoBundle()).events];
    expect(alreadyVerified(events)).toBeNull();
    const walked = await verifyEvents(engine(), events, sha256);
    expect(walked.ok).toBe(true);
    expect(alreadyVerified(events)?.context.eventCount).toBe(events.length);
    // A copy was never verified; a shortened array has another head.
    expect(alreadyVerified([...events])).toBeNull();
    events.pop();
    expect(alreadyVerified(events)).toBeNull();
  });

  it('remembers nothing for a broken log', async () => {
    const events = [...(await demoBundle()).events];
    events[5] = { ...(events[5] as LoggedEvent), at: '2020-01-01T00:00:00.000Z' } as LoggedEvent;
    expect((await verifyEvents(engine(), events, sha256)).ok).toBe(false);
    expect(alreadyVerified(events)).toBeNull();
  });
});
