/**
 * The promise of format 2, attacked at random: with the demo's log (every event type, 160 events,
 * five signers) and no private key of the process, any edit of any event, with the chain re-linked
 * after it, and any removal, swap or replay of events, is refused at that very event; so is a
 * forgery signed with a key of the attacker's own. An insider's own key makes valid signatures on
 * their own entries only, and the rewrite is then named by comparing with an earlier export.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditBundleV2 } from '../../src/domain/bundle.ts';
import type { LoggedEvent } from '../../src/domain/chain.ts';
import { utf8 } from '../../src/domain/crypto/encoding.ts';
import { generateSigningKey, type SigningKey } from '../../src/domain/crypto/keys.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { compareExports } from '../../src/domain/trust.ts';
import { verifyBundleBytes, verifyEvents } from '../../src/domain/verify.ts';
import { demoBundle, demoProcess, sha256 } from '../support/demo.ts';
import { relink, withEvents } from '../support/forgery.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** Members an outsider recomputes anyway when re-linking: editing them alone proves nothing. */
const RELINKED = new Set(['seq', 'prevHash', 'hash']);

/** Every primitive value inside an event, by path, apart from the chain's own members. */
function leaves(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [path];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, v]) => (path.length === 0 && RELINKED.has(String(key)) ? [] : leaves(v as Json, [...path, key])));
}

/** A different value of the same kind at `path`. */
function edited(event: LoggedEvent, path: (string | number)[]): LoggedEvent {
  const copy = structuredClone(event) as unknown as { [key: string]: Json };
  let parent = copy as Json;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string, Json>)[key] as Json;
  const last = path[path.length - 1] as string;
  const old = (parent as Record<string, Json>)[last] as Json;
  (parent as Record<string, Json>)[last] =
    typeof old === 'string' ? `${old}x` : typeof old === 'number' ? old + 1 : typeof old === 'boolean' ? !old : 'x';
  return copy as unknown as LoggedEvent;
}

let bundle: AuditBundleV2;

/**
 * Where the auditor's verifier refuses the forged log, read from a bundle file as an auditor
 * gets it (head recomputed and signed with the attacker's key): the event it names as broken, or
 * the event the schema names, for an edit that leaves the format; 'intact' if it is not refused.
 */
async function refusedAt(events: LoggedEvent[], headKey: SigningKey): Promise<number | 'intact' | string> {
  const forged = await withEvents(bundle, events, headKey);
  const verdict = await verifyBundleBytes(engine(), utf8(JSON.stringify(forged)), sha256);
  if (verdict.status === 'intact') return 'intact';
  if (verdict.status === 'broken') return verdict.event?.seq ?? 'head';
  const path = verdict.problem.code === 'schema' ? verdict.problem.issues[0]?.path : undefined;
  const index = path?.match(/^events\[(\d+)\]/)?.[1];
  return index === undefined ? verdict.problem.code : Number(index) + 1;
}

describe('signed events against an attacker without the keys', () => {
  let events: LoggedEvent[];
  let attacker: SigningKey;
  let insider: SigningKey;
  beforeAll(async () => {
    const { writer, people } = await demoProcess();
    events = writer.log.events;
    attacker = await generateSigningKey();
    insider = people.ikbo.key;
    bundle = await demoBundle();
  });

  it('refuses any edit of any event, the chain re-linked after it, at that event', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.boolean(), async (pickEvent, pickLeaf, resign) => {
        const at = pickEvent % events.length;
        const target = events[at] as LoggedEvent;
        const paths = leaves(target as unknown as Json);
        const path = paths[pickLeaf % paths.length] as (string | number)[];
        const forged = events.map((e, i) => (i === at ? edited(e, path) : e));
        // Signatures kept, or the whole rest signed again with a key of the attacker's own.
        const relinked = await relink(forged, at, resign ? () => attacker : undefined);
        expect(await refusedAt(relinked, attacker), `${target.type} ${path.join('.')}`).toBe(at + 1);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses any removed, swapped or replayed event at its position', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 158 }), fc.constantFrom('remove', 'swap', 'replay'), async (at, how) => {
        const forged = [...events];
        if (how === 'remove') forged.splice(at, 1);
        if (how === 'swap') [forged[at], forged[at + 1]] = [forged[at + 1] as LoggedEvent, forged[at] as LoggedEvent];
        if (how === 'replay') forged.splice(at, 0, events[at - 1] as LoggedEvent);
        expect(await refusedAt(await relink(forged, at), attacker), `${how} at ${at}`).toBe(at + 1);
      }),
      { numRuns: 40 },
    );
  });

  it("lets an insider's key sign only their own entries; their rewrite of those is named by an earlier export", async () => {
    const isDecision = (e: LoggedEvent) => e.type === 'SignOffGranted' || e.type === 'SignOffRefused';
    const mine = events.filter((e) => e.signerKeyId === insider.record.keyId && e.type === 'EvidenceAttached').map((e) => e.seq);
    // Other people's entries; a decision she may record herself (from a response file), but
    // not change: the director's statement signature covers what was decided.
    const others = events.filter((e) => e.seq > 1 && e.signerKeyId !== insider.record.keyId && !isDecision(e)).map((e) => e.seq);
    const decisions = events.filter(isDecision).map((e) => e.seq);
    expect([mine.length, others.length, decisions.length].every((n) => n > 5)).toBe(true);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...others), async (seq) => {
        // Someone else's entry, changed and everything from it signed again with her key.
        const forged = events.map((e, i) => (i === seq - 1 ? edited(e, ['id']) : e));
        expect(await refusedAt(await relink(forged, seq - 1, () => insider), insider), events[seq - 1]?.type).toBe(seq);
      }),
      { numRuns: 15 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...decisions), async (seq) => {
        const forged = events.map((e, i) => (i === seq - 1 ? edited(e, ['payload', 'comment']) : e));
        expect(await refusedAt(await relink(forged, seq - 1, () => insider), insider)).toBe(seq);
      }),
      { numRuns: 10 },
    );
    // Her own entry, its title changed and signed again by her: valid on its own (it is her
    // act to record), but not the log an auditor saw before: the comparison names where it parts.
    const last = mine[mine.length - 1] as number;
    const rewritten = await relink(
      events.slice(0, last).map((e, i) => (i === last - 1 ? edited(e, ['payload', 'title']) : e)),
      last - 1,
      () => insider,
    );
    expect((await verifyEvents(engine(), rewritten, sha256)).ok).toBe(true);
    expect(compareExports({ processId: 'p', events: events.slice(0, last) }, { processId: 'p', events: rewritten })).toMatchObject({
      status: 'differs',
      seq: last,
    });
  });
});
