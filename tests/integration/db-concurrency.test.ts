import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { AnkerpunktDb } from '../../src/db/database.ts';
import { type AppendOutcome, appendCommand, eventsOf, loadProcess } from '../../src/db/process-store.ts';
import { GENESIS_HASH, type LoggedEvent } from '../../src/domain/chain.ts';
import { verifyEvents } from '../../src/domain/verify.ts';
import {
  ambassadorSigner,
  type DemoDb,
  demoDb,
  engine,
  linkEvidence,
  PROCESS_ID,
  reopen,
  replayedState,
  sha256,
  stateOf,
} from '../fixtures/db/demo-db.ts';

const P = PROCESS_ID;

/** One chain, no fork: seq 1..n, each event pointing at the hash of the one before, all verified. */
async function expectLinear(events: LoggedEvent[]): Promise<void> {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  events.forEach((event, i) => {
    expect(event.prevHash).toBe(events[i - 1]?.hash ?? GENESIS_HASH);
  });
  const verified = await verifyEvents(engine(), events, sha256);
  expect(verified.ok ? 'intact' : verified).toBe('intact');
}

/** Two connections to one database, each having loaded the process: two open tabs. */
async function twoTabs(): Promise<{ a: AnkerpunktDb; b: AnkerpunktDb } & Pick<DemoDb, 'lastAt' | 'stage'>> {
  const { db: a, lastAt, stage } = await demoDb();
  const b = reopen(a);
  for (const tab of [a, b]) expect((await loadProcess(tab, engine(), P)).ok).toBe(true);
  return { a, b, lastAt, stage };
}

describe('two tabs appending at once', () => {
  it('both succeed: the second is prepared again on top of the first, and the chain stays linear', async () => {
    const { a, b, lastAt, stage } = await twoTabs();
    const fromA = linkEvidence(lastAt, stage);
    const fromB = linkEvidence(lastAt, stage);
    const transactions = [vi.spyOn(a, 'transaction'), vi.spyOn(b, 'transaction')];

    const [outA, outB] = await Promise.all([
      appendCommand(a, engine(), sha256, P, fromA, await ambassadorSigner()),
      appendCommand(b, engine(), sha256, P, fromB, await ambassadorSigner()),
    ]);

    if (!outA.ok || !outB.ok) throw new Error(`an append failed: ${JSON.stringify([outA, outB])}`);
    expect([outA.event.seq, outB.event.seq].sort()).toEqual([161, 162]);
    // Both were prepared on event 160; one found the head moved and was written on a second try.
    expect(transactions.reduce((n, spy) => n + spy.mock.calls.length, 0)).toBe(3);

    const events = await eventsOf(reopen(a), P);
    expect(events).toHaveLength(162);
    expect(
      events
        .slice(160)
        .map((e) => e.id)
        .sort(),
    ).toEqual([fromA.id, fromB.id].sort());
    await expectLinear(events);
    const last = events[161];
    expect(await a.heads.get(P)).toEqual({ processId: P, seq: 162, hash: last?.hash });
  });

  it('leaves both tabs, and a reload, with the state a replay of the one log gives', async () => {
    const { a, b, lastAt, stage } = await twoTabs();

    await Promise.all([
      appendCommand(a, engine(), sha256, P, linkEvidence(lastAt, stage), await ambassadorSigner()),
      appendCommand(b, engine(), sha256, P, linkEvidence(lastAt, stage), await ambassadorSigner()),
    ]);

    const replayed = await replayedState(a);
    for (const tab of [a, b, reopen(a)]) {
      const loaded = await loadProcess(tab, engine(), P);
      if (!loaded.ok) throw new Error(loaded.detail);
      expect(loaded.state.head?.seq).toBe(162);
      expect(stateOf(loaded.state.snapshot)).toEqual(replayed);
    }
  });

  it('under a burst from both tabs appends each command once or reports it as concurrent, never forking', async () => {
    const { a, b, lastAt, stage } = await twoTabs();
    const commands = Array.from({ length: 8 }, () => linkEvidence(lastAt, stage));
    const signer = await ambassadorSigner();

    const outcomes: AppendOutcome[] = await Promise.all(
      commands.map((command, i) => appendCommand(i % 2 === 0 ? a : b, engine(), sha256, P, command, signer)),
    );

    for (const out of outcomes) {
      if (!out.ok) expect(out).toEqual({ ok: false, kind: 'storage', problem: { code: 'concurrent' } });
    }
    const appended = commands.filter((_, i) => outcomes[i]?.ok).map((c) => c.id);
    expect(appended.length).toBeGreaterThanOrEqual(2);
    const events = await eventsOf(reopen(a), P);
    expect(
      events
        .slice(160)
        .map((e) => e.id)
        .sort(),
    ).toEqual(appended.sort());
    expect(new Set(events.map((e) => e.seq)).size).toBe(events.length);
    await expectLinear(events);
  });
});
