import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { allEvidence } from '../../machines/process/process.collections.ts';
import { explain, type ProcessSnapshot } from '../../machines/process/process.explain.ts';
import type { LoggedEvent } from '../../src/domain/chain.ts';
import { DemoWriter } from '../../src/domain/demo/demo-writer.ts';
import { MemoryLog } from '../../src/domain/memory-log.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { replay, restoreCached, toCache } from '../../src/domain/replay.ts';
import { asCommand, demoProcess, demoRecorderOf, sha256 } from '../support/demo.ts';

/** What must be equal for two snapshots to be "the same state". */
function stateOf(snapshot: ProcessSnapshot) {
  return { value: snapshot.value, context: snapshot.context, history: toCache(snapshot).history };
}

/** Appends a logged event again as the command it was: its place in the chain is the log's to give. */
async function appendAsCommand(log: MemoryLog, event: LoggedEvent) {
  const result = await log.append(asCommand(event), await demoRecorderOf(event));
  if (!result.ok) throw new Error(`event ${event.seq} refused: ${JSON.stringify(result.reasons)}`);
}

/**
 * The demo's log plus an erasure of one of its files, so random proposals include the erasure
 * event too: at a point where that file does not exist yet, or was already erased, it is refused.
 */
async function demoWithErasure(): Promise<LoggedEvent[]> {
  const { writer, people } = await demoProcess();
  const events = writer.log.events;
  const file = allEvidence(writer.log.snapshot.context)
    .flatMap((e) => e.revisions.map((rev) => ({ evidenceId: e.evidenceId, rev })))
    .find(({ rev }) => rev.content.type === 'file');
  if (!file) throw new Error('the demo has no file evidence');
  const log = new MemoryLog(engine(), sha256);
  for (const event of events) await appendAsCommand(log, event);
  const erased = await log.append(
    {
      type: 'EvidenceErased',
      id: 'e-erasure',
      at: writer.log.snapshot.context.lastAt,
      actor: { personId: people.ikbo.personId, role: 'ambassador' },
      payload: {
        evidenceId: file.evidenceId,
        revision: file.rev.revision,
        sha256: file.rev.content.sha256,
        reason: 'Namen von Kund*innen',
      },
    },
    DemoWriter.signer(people.ikbo),
  );
  if (!erased.ok) throw new Error(`erasure refused: ${JSON.stringify(erased.reasons)}`);
  return log.events;
}

/** The cache goes through JSON as it would through IndexedDB. */
const throughStorage = (snapshot: ProcessSnapshot) => JSON.parse(JSON.stringify(toCache(snapshot)));

describe('replay', () => {
  it('gives the state the live log reached', async () => {
    const { writer } = await demoProcess();
    expect(stateOf(replay(engine(), writer.log.events))).toEqual(stateOf(writer.log.snapshot));
  });

  it('is deterministic: replaying any prefix twice gives equal states', async () => {
    const { writer } = await demoProcess();
    const events = writer.log.events;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: events.length }), (k) => {
        const prefix = events.slice(0, k);
        expect(stateOf(replay(engine(), prefix))).toEqual(stateOf(replay(engine(), prefix)));
      }),
      { numRuns: 40 },
    );
  });

  it('from a cached snapshot at any point gives exactly the state of a full replay', async () => {
    const events = await demoWithErasure();
    const full = stateOf(replay(engine(), events));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: events.length }), (k) => {
        const cached = restoreCached(engine(), throughStorage(replay(engine(), events.slice(0, k))));
        expect(cached).not.toBeNull();
        expect(stateOf(replay(engine(), events.slice(k), cached as ProcessSnapshot))).toEqual(full);
      }),
      { numRuns: 40 },
    );
  });

  it('restores the history of a paused process from the cache, so resume returns to the same stage', async () => {
    const { writer } = await demoProcess();
    const events = writer.log.events;
    const pausedAt = events.findIndex((e) => e.type === 'ProcessPaused');
    const paused = restoreCached(engine(), throughStorage(replay(engine(), events.slice(0, pausedAt + 1))));
    expect(paused?.value).toBe('paused');
    const resumed = replay(engine(), [events[pausedAt + 1] as LoggedEvent], paused as ProcessSnapshot);
    expect(resumed.value).toEqual({ active: 'implementation' });
  });

  it('rebuilds instead of trusting a cache written by another machine version', async () => {
    const { writer } = await demoProcess();
    const cached = { ...throughStorage(writer.log.snapshot), machineVersion: '0' };
    expect(restoreCached(engine(), cached)).toBeNull();
    expect(restoreCached(engine(), { ...throughStorage(writer.log.snapshot), value: { active: 'gone' } })).toBeNull();
  });
});

describe('explain and the machine agree', () => {
  it('explain gives no reason exactly when the machine accepts, for any recorded fact proposed at any point', async () => {
    const events = await demoWithErasure();
    const snapshots = [engine().initial];
    for (const event of events) snapshots.push(transition(engine().machine, snapshots[snapshots.length - 1] as ProcessSnapshot, event)[0]);
    const roles = [
      'ambassador',
      'managingDirector',
      'staffCouncil',
      'supervisoryBoard',
      'regionalDirectorate',
      'iqCoach',
      'auditor',
    ] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: events.length }),
        fc.integer({ min: 0, max: events.length - 1 }),
        fc.option(fc.constantFrom(...roles)),
        (k, j, role) => {
          const before = snapshots[k] as ProcessSnapshot;
          const original = events[j] as LoggedEvent;
          const event = role ? ({ ...original, actor: { ...original.actor, role } } as LoggedEvent) : original;
          const [after] = transition(engine().machine, before, event);
          const reasons = explain(engine().rulebook, before, event);
          expect(reasons.length === 0).toBe(after !== before);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a log built from random proposals, accepted or refused, replays to the live state', async () => {
    const events = await demoWithErasure();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: events.length }),
        fc.array(fc.integer({ min: 0, max: events.length - 1 }), { minLength: 1, maxLength: 25 }),
        async (k, picks) => {
          const log = new MemoryLog(engine(), sha256);
          for (const event of events.slice(0, k)) await appendAsCommand(log, event);
          let n = 0;
          for (const j of picks) {
            const event = events[j] as LoggedEvent;
            // A fresh id and a time after the last event, so only the rules decide.
            await log.append({ ...asCommand(event), id: `random-${n++}`, at: log.snapshot.context.lastAt }, await demoRecorderOf(event));
          }
          expect(stateOf(replay(engine(), log.events))).toEqual(stateOf(log.snapshot));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('the engine’s step', () => {
  it('gives what xstate’s transition() gives, for any recorded fact proposed at any point, refusals included', async () => {
    const events = await demoWithErasure();
    const eng = engine();
    const snapshots = [eng.initial];
    for (const event of events) snapshots.push(transition(eng.machine, snapshots[snapshots.length - 1] as ProcessSnapshot, event)[0]);
    let refused = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: events.length }), fc.integer({ min: 0, max: events.length - 1 }), (k, j) => {
        const before = snapshots[k] as ProcessSnapshot;
        const event = events[j] as LoggedEvent;
        const [expected] = transition(eng.machine, before, event);
        const actual = eng.step(before, event);
        if (expected === before) refused++;
        // A refusal is the very same snapshot, as replay and decide rely on.
        expect(actual === before).toBe(expected === before);
        expect(stateOf(actual)).toEqual(stateOf(expected));
      }),
      { numRuns: 300 },
    );
    // Both kinds were tried: facts proposed out of place are mostly refused.
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(300);
  });
});
