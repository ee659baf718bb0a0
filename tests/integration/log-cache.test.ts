/**
 * The kept log of the process shown last (src/db/log-cache.ts): what the timeline reads must be
 * what is stored, after appends (read on their own), after a sync rebase rewrote the tail (read
 * in full), and when another process was read in between.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { storedLog } from '../../src/db/log-cache.ts';
import { appendCommand, eventsOf, importLog } from '../../src/db/process-store.ts';
import { saveSyncLink } from '../../src/db/sync-links.ts';
import { applyPull } from '../../src/db/sync-store.ts';
import { buildJobcenterDemo } from '../../src/domain/demo/jobcenter-demo.ts';
import { freshDb } from '../fixtures/db/demo-db.ts';
import { ProcessDriver, sha256 } from '../support/process-driver.ts';

const NOW = new Date('2030-01-01T00:00:00.000Z');

async function storedProcess() {
  const d = await ProcessDriver.open();
  const db = freshDb();
  expect((await importLog(db, d.engine, sha256, d.w.log.events)).ok).toBe(true);
  return { d, db, processId: d.ctx.processId };
}

const headOf = (events: readonly { seq: number; hash: string }[]) => {
  const last = events[events.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : null;
};

describe('the kept log', () => {
  it('is the stored log with its head, and the same read again while nothing changed', async () => {
    const { db, processId } = await storedProcess();
    const first = await storedLog(db, processId);
    const stored = await eventsOf(db, processId);
    expect(first.events).toEqual(stored);
    expect(first.head).toEqual(headOf(stored));
    expect((await storedLog(db, processId)).events).toBe(first.events);
  });

  it('after an append keeps the events it had and adds the new one', async () => {
    const { d, db, processId } = await storedProcess();
    const before = await storedLog(db, processId);
    const command = d.evidenceCommand('kontrakt');
    expect((await appendCommand(db, d.engine, sha256, processId, command, d.signerFor(command))).ok).toBe(true);

    const after = await storedLog(db, processId);
    expect(after.events).toEqual(await eventsOf(db, processId));
    expect(after.events).toHaveLength(before.events.length + 1);
    expect(after.events[after.events.length - 1]?.id).toBe(command.id);
    // Reused, not read again: the earlier events are the very objects read before.
    expect(after.events[0]).toBe(before.events[0]);
  });

  it('after a rebase rewrote the tail is read again in full', async () => {
    const { d, db, processId } = await storedProcess();
    const base = d.w.log.events.length;
    await saveSyncLink(db, {
      processId,
      serverUrl: 'https://sync.example/',
      personId: d.people.ikbo.personId,
      connectedAt: NOW.toISOString(),
      agreed: headOf(d.w.log.events),
    });
    const mine = d.evidenceCommand('kontrakt');
    expect((await appendCommand(db, d.engine, sha256, processId, mine, d.signerFor(mine))).ok).toBe(true);
    const kept = await storedLog(db, processId);
    expect(kept.events[base]?.id).toBe(mine.id);

    // The server took a colleague's entry first: ours is re-linked after it, with a new hash.
    await d.accept(d.evidenceCommand('mitteilung'));
    const pulled = await applyPull(db, d.engine, sha256, processId, d.w.log.events.slice(base), (e) => d.signerFor(e), NOW);
    expect(pulled.ok).toBe(true);

    const after = await storedLog(db, processId);
    const stored = await eventsOf(db, processId);
    expect(after.events).toEqual(stored);
    expect(after.events[base]?.id).not.toBe(mine.id);
    expect(after.events[base + 1]?.id).toBe(mine.id);
    expect(after.head).toEqual(headOf(stored));
  });

  it('keeps one process at a time and reads the right one after another was read', async () => {
    const { d, db, processId } = await storedProcess();
    const demo = (await buildJobcenterDemo(d.engine, sha256)).writer;
    const otherId = demo.ctx.processId;
    expect((await importLog(db, d.engine, sha256, demo.log.events)).ok).toBe(true);
    const [a, b] = await Promise.all([storedLog(db, processId), storedLog(db, otherId)]);
    expect(a.events).toEqual(d.w.log.events);
    expect(b.events).toEqual(demo.log.events);
    expect((await storedLog(db, processId)).events).toEqual(d.w.log.events);
    expect(await storedLog(db, 'p-nirgends')).toEqual({ events: [], head: null });
  });
});
