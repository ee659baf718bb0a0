/**
 * The device side of sync in IndexedDB: pending events are the stored events after the agreed
 * head, so they survive a reload; a pull admits the server's events, rebases the pending ones and
 * keeps conflicts, in one transaction that an append meanwhile makes it retry, never half-apply.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { appendCommand, eventsOf, importLog, loadProcess, replaceLogTail } from '../../src/db/process-store.ts';
import { saveSyncLink, syncConflicts, syncLink } from '../../src/db/sync-links.ts';
import { applyPull, noteAgreed, pendingEvents } from '../../src/db/sync-store.ts';
import { replay } from '../../src/domain/replay.ts';
import { verifyEvents } from '../../src/domain/verify.ts';
import { freshDb, reopen, stateOf } from '../fixtures/db/demo-db.ts';
import { dumpTables } from '../fixtures/db/tables.ts';
import { ProcessDriver, sha256 } from '../support/process-driver.ts';

const SERVER = 'https://sync.example/';
const NOW = new Date('2030-01-01T00:00:00.000Z');

/** A process on this device, shared and in agreement with the server; the driver plays the server's log. */
async function sharedProcess() {
  const d = await ProcessDriver.open();
  const db = freshDb();
  const base = [...d.w.log.events];
  expect((await importLog(db, d.engine, sha256, base)).ok).toBe(true);
  const last = base[base.length - 1];
  if (!last) throw new Error('empty');
  const processId = d.ctx.processId;
  await saveSyncLink(db, {
    processId,
    serverUrl: SERVER,
    personId: d.people.ikbo.personId,
    connectedAt: NOW.toISOString(),
    agreed: { seq: last.seq, hash: last.hash },
  });
  return { d, db, processId, base };
}

describe('pending events and pulls on this device', () => {
  it('counts an append as pending at once, and still after a reload', async () => {
    const { d, db, processId } = await sharedProcess();
    const command = d.evidenceCommand('kontrakt');
    const out = await appendCommand(db, d.engine, sha256, processId, command, d.signerFor(command));
    expect(out.ok).toBe(true);
    const again = reopen(db);
    const link = await syncLink(again, processId);
    if (!link) throw new Error('link lost');
    expect((await pendingEvents(again, processId, link)).map((e) => e.id)).toEqual([command.id]);
  });

  it('admits the server events, re-links the pending ones after them and moves the agreed head, in one step', async () => {
    const { d, db, processId, base } = await sharedProcess();
    const mine = d.evidenceCommand('kontrakt');
    expect((await appendCommand(db, d.engine, sha256, processId, mine, d.signerFor(mine))).ok).toBe(true);
    await d.accept(d.evidenceCommand('mitteilung'));
    const server = d.w.log.events.slice(base.length);

    const out = await applyPull(db, d.engine, sha256, processId, server, (e) => d.signerFor(e), NOW);

    expect(out).toEqual({ ok: true, pending: 1, conflicts: 0, agreed: { seq: server[0]?.seq, hash: server[0]?.hash } });
    const stored = await eventsOf(reopen(db), processId);
    expect(stored.map((e) => e.id)).toEqual([...base, ...server].map((e) => e.id).concat(mine.id));
    expect((await verifyEvents(d.engine, stored, sha256)).ok).toBe(true);
    const loaded = await loadProcess(reopen(db), d.engine, processId);
    if (!loaded.ok) throw new Error(loaded.detail);
    expect(stateOf(loaded.state.snapshot)).toEqual(stateOf(replay(d.engine, stored)));
    const link = await syncLink(db, processId);
    expect(link?.agreed).toEqual(out.ok ? out.agreed : null);
    expect((await pendingEvents(db, processId, link as NonNullable<typeof link>)).map((e) => e.id)).toEqual([mine.id]);
  });

  it('keeps what the server log now refuses as a conflict, stored with its reasons', async () => {
    const { d, db, processId, base } = await sharedProcess();
    const attach = d.evidenceCommand('kontrakt');
    expect((await appendCommand(db, d.engine, sha256, processId, attach, d.signerFor(attach))).ok).toBe(true);
    await d.accept({ ...attach, id: 'e-from-the-other-device' });
    const server = d.w.log.events.slice(base.length);

    const out = await applyPull(db, d.engine, sha256, processId, server, (e) => d.signerFor(e), NOW);

    expect(out).toMatchObject({ ok: true, pending: 0, conflicts: 1 });
    const conflicts = await syncConflicts(reopen(db), processId);
    expect(conflicts.map((c) => [c.event.id, c.reasons.map((r) => r.code), c.at])).toEqual([
      [attach.id, ['evidenceAlreadyExists'], NOW.toISOString()],
    ]);
    expect((await eventsOf(db, processId)).map((e) => e.id)).not.toContain(attach.id);
  });

  it('replaces no tail when the stored head moved after the pull read it: the pull is redone', async () => {
    const { d, db, processId, base } = await sharedProcess();
    const last = base[base.length - 1];
    if (!last) throw new Error('empty');
    const late = d.evidenceCommand('kontrakt');
    expect((await appendCommand(db, d.engine, sha256, processId, late, d.signerFor(late))).ok).toBe(true);
    const before = await dumpTables(db);

    const replaced = await replaceLogTail(db, processId, {
      expected: { seq: last.seq, hash: last.hash },
      keep: last.seq,
      events: [],
      snapshot: d.snapshot,
      alsoWrite: async () => {
        throw new Error('must not run');
      },
    });

    expect(replaced).toBe(false);
    expect(await dumpTables(reopen(db))).toEqual(before);
  });

  it('refuses an acknowledgement of a head this log does not hold', async () => {
    const { db, processId, base } = await sharedProcess();
    const last = base[base.length - 1];
    expect(await noteAgreed(db, processId, { seq: last?.seq ?? 0, hash: 'f'.repeat(64) })).toBe(false);
    expect(await noteAgreed(db, processId, { seq: (last?.seq ?? 0) + 1, hash: last?.hash ?? '' })).toBe(false);
    expect(await noteAgreed(db, processId, { seq: last?.seq ?? 0, hash: last?.hash ?? '' })).toBe(true);
  });
});
