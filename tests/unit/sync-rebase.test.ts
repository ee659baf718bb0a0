/**
 * Rebasing pending events onto the server's log: two devices record on the same agreed head; the
 * server took the other one's event first. What still may happen is re-linked and signed again
 * (and the whole log verifies); what no longer may is a conflict with the engine's reason; a
 * server event that does not verify stops the rebase.
 */
import { describe, expect, it } from 'vitest';
import { prepareAppend } from '../../src/domain/append.ts';
import type { LoggedEvent } from '../../src/domain/chain.ts';
import { generateSigningKey } from '../../src/domain/crypto/keys.ts';
import { rebase } from '../../src/domain/sync/rebase.ts';
import { verifyEvents } from '../../src/domain/verify.ts';
import { relink } from '../support/forgery.ts';
import { ProcessDriver, sha256 } from '../support/process-driver.ts';

/** An event recorded on this device on the agreed state, not yet known to the server. */
async function recordedHere(d: ProcessDriver, command: Parameters<ProcessDriver['accept']>[0], base = d.snapshot, head = d.w.log.head) {
  const prepared = await prepareAppend(d.engine, base, head, command, sha256, d.signerFor(command));
  if (!prepared.accepted) throw new Error(JSON.stringify(prepared.reasons));
  return prepared.event;
}

async function twoDevices() {
  const d = await ProcessDriver.open();
  const agreed = { snapshot: d.snapshot, head: d.w.log.head, events: [...d.w.log.events] };
  return { d, agreed };
}

function rebaseOn(
  d: ProcessDriver,
  agreed: Awaited<ReturnType<typeof twoDevices>>['agreed'],
  server: LoggedEvent[],
  pending: LoggedEvent[],
  locked = false,
) {
  return rebase({
    eng: d.engine,
    sha256,
    base: agreed.snapshot,
    agreedHead: agreed.head,
    knownIds: new Set(agreed.events.map((e) => e.id)),
    server,
    pending,
    signerFor: (event) => (locked ? null : d.signerFor(event)),
  });
}

describe('rebasing pending events onto the server', () => {
  it('re-links an event still accepted after the server events, signs it again, and the log verifies', async () => {
    const { d, agreed } = await twoDevices();
    const mine = await recordedHere(d, d.evidenceCommand('kontrakt'));
    await d.accept(d.evidenceCommand('mitteilung'));
    const theirs = d.w.log.events.slice(agreed.events.length);

    const out = await rebaseOn(d, agreed, theirs, [mine]);

    if (!out.ok) throw new Error(JSON.stringify(out));
    expect(out.admitted).toEqual(theirs);
    expect(out.conflicts).toEqual([]);
    const [relinked] = out.relinked;
    expect(relinked).toMatchObject({ id: mine.id, type: mine.type, payload: mine.payload, seq: mine.seq + 1, prevHash: theirs[0]?.hash });
    expect(relinked?.signature).not.toBe(mine.signature);
    expect(out.agreed).toEqual({ seq: theirs[0]?.seq, hash: theirs[0]?.hash });
    expect(out.head).toEqual({ seq: relinked?.seq, hash: relinked?.hash });
    const walked = await verifyEvents(d.engine, [...agreed.events, ...out.admitted, ...out.relinked], sha256);
    expect(walked.ok).toBe(true);
  });

  it('keeps an event the server log now refuses as a conflict with the reason, and re-links the rest', async () => {
    const { d, agreed } = await twoDevices();
    const attach = d.evidenceCommand('kontrakt');
    // Both devices recorded the same evidence id; the server took the other one's first.
    const mine = await recordedHere(d, attach);
    const after = await recordedHere(d, d.evidenceCommand('mitteilung'));
    await d.accept({ ...attach, id: 'e-other-device' });
    const theirs = d.w.log.events.slice(agreed.events.length);

    const out = await rebaseOn(d, agreed, theirs, [mine, after]);

    if (!out.ok) throw new Error(JSON.stringify(out));
    expect(out.conflicts.map((c) => [c.event.id, c.reasons.map((r) => r.code)])).toEqual([[mine.id, ['evidenceAlreadyExists']]]);
    expect(out.relinked.map((e) => e.id)).toEqual([after.id]);
  });

  it('moves a pending event that would be earlier than the server events to the time it joins the log', async () => {
    const { d, agreed } = await twoDevices();
    const mine = await recordedHere(d, d.evidenceCommand('kontrakt'));
    const anHourLater = new Date(Date.parse(mine.at) + 3_600_000).toISOString();
    await d.accept({ ...d.evidenceCommand('mitteilung'), at: anHourLater });
    const theirs = d.w.log.events.slice(agreed.events.length);

    const out = await rebaseOn(d, agreed, theirs, [mine]);

    if (!out.ok) throw new Error(JSON.stringify(out));
    expect(out.relinked[0]?.at).toBe(anHourLater);
  });

  it('skips a pending event the server already holds (its push was acknowledged, the note of it lost)', async () => {
    const { d, agreed } = await twoDevices();
    await d.accept(d.evidenceCommand('kontrakt'));
    const pushed = d.w.log.events.slice(agreed.events.length);

    const out = await rebaseOn(d, agreed, pushed, pushed);

    if (!out.ok) throw new Error(JSON.stringify(out));
    expect([out.admitted.length, out.relinked.length, out.conflicts.length]).toEqual([1, 0, 0]);
  });

  it('makes a pending event whose key is locked a conflict saying so, never drops it', async () => {
    const { d, agreed } = await twoDevices();
    const mine = await recordedHere(d, d.evidenceCommand('kontrakt'));
    await d.accept(d.evidenceCommand('mitteilung'));
    const theirs = d.w.log.events.slice(agreed.events.length);

    const out = await rebaseOn(d, agreed, theirs, [mine], true);

    if (!out.ok) throw new Error(JSON.stringify(out));
    expect(out.conflicts.map((c) => c.reasons.map((r) => r.code))).toEqual([['noSigningKey']]);
  });

  it('stops at a server event that does not verify: a tampered payload, the chain re-linked after it', async () => {
    const { d, agreed } = await twoDevices();
    await d.accept(d.evidenceCommand('mitteilung'));
    const [theirs] = d.w.log.events.slice(agreed.events.length) as [LoggedEvent];
    const tampered = { ...theirs, payload: { ...theirs.payload, title: 'geändert' } } as LoggedEvent;

    const out = await rebaseOn(d, agreed, [tampered], []);

    expect(out).toMatchObject({ ok: false, seq: theirs.seq, problem: { code: 'chain' } });
  });

  it("refuses a server event whose payload was changed and whose hash was recomputed, without the recorder's key (an outsider)", async () => {
    const { d, agreed } = await twoDevices();
    await d.accept(d.evidenceCommand('mitteilung'));
    const log = d.w.log.events.map((e, i) =>
      i === agreed.events.length ? ({ ...e, payload: { ...e.payload, title: 'geändert' } } as LoggedEvent) : e,
    );
    const forged = (await relink(log, agreed.events.length)).slice(agreed.events.length);

    const out = await rebaseOn(d, agreed, forged, []);

    expect(out).toMatchObject({ ok: false, seq: agreed.events.length + 1, problem: { code: 'refused' } });
  });

  it('refuses a server event re-signed with a key the log never registered (an outsider with a key of their own)', async () => {
    const { d, agreed } = await twoDevices();
    await d.accept(d.evidenceCommand('mitteilung'));
    const outsider = await generateSigningKey(false);
    const forged = (await relink(d.w.log.events, agreed.events.length, () => outsider)).slice(agreed.events.length);

    const out = await rebaseOn(d, agreed, forged, []);

    expect(out).toMatchObject({ ok: false, seq: agreed.events.length + 1, problem: { code: 'refused' } });
  });

  it("refuses a server event in another person's name signed with a registered insider's own key", async () => {
    const { d, agreed } = await twoDevices();
    // The director's key is registered; he signs an evidence entry that claims the ambassador recorded it.
    await d.accept(d.evidenceCommand('mitteilung'));
    const insider = d.people.gf.key;
    const forged = (await relink(d.w.log.events, agreed.events.length, () => insider)).slice(agreed.events.length);

    const out = await rebaseOn(d, agreed, forged, []);

    expect(out).toMatchObject({ ok: false, seq: agreed.events.length + 1, problem: { code: 'refused' } });
  });
});
