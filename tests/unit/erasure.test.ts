/**
 * Erasing an evidence file's content as the process machine sees it: the log keeps the digest and
 * records the erasure as a fact; what was erased stops counting, a grant that covered it becomes
 * stale and the milestone needs a new decision, while both decisions stay in the log. Replaying a
 * log with erasures, from scratch or from a cache, gives the live state.
 */
import { describe, expect, it } from 'vitest';
import { findEvidence } from '../../machines/process/process.collections.ts';
import type { PayloadOf } from '../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import {
  coversFor,
  erasedDigests,
  erasureOf,
  evidenceForStage,
  isErased,
  needsContent,
  staleCovers,
} from '../../machines/process/process.queries.ts';
import { reason } from '../../machines/process/reasons.ts';
import { buildBundle } from '../../src/domain/bundle.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { replay, restoreCached, toCache } from '../../src/domain/replay.ts';
import { verifyBundle } from '../../src/domain/verify.ts';
import { digestOf, ProcessDriver, sha256 } from '../support/process-driver.ts';

type Content = PayloadOf<'EvidenceAttached'>['content'];

function pdf(text: string, name = 'kontrakt.pdf'): Content {
  return { type: 'file', name, mediaType: 'application/pdf', size: text.length, sha256: digestOf(text) };
}

const WHY = 'Anhang enthält Namen und Kundennummern von Kund*innen';

function erase(p: ProcessDriver, evidenceId: string, revision: number, content: Content, by = p.people.ikbo, role?: 'managingDirector') {
  return p.command('EvidenceErased', by, { evidenceId, revision, sha256: content.sha256, reason: WHY }, role ? { role } : {});
}

function revise(p: ProcessDriver, evidenceId: string, revision: number, content: Content) {
  return p.command('EvidenceRevised', p.people.ikbo, {
    evidenceId,
    revision,
    title: 'Kontrakt, ohne Anhang',
    documentDate: p.today(),
    reviewBy: null,
    content,
    reason: 'Anhang mit personenbezogenen Daten entfernt',
  });
}

const stateOf = (s: ProcessSnapshot) => ({ value: s.value, context: s.context, history: toCache(s).history });

describe('erasing an evidence file', () => {
  it('keeps title and digest in the log and records when, by whom and why the content was erased', async () => {
    const p = await ProcessDriver.open();
    const content = pdf('Kontrakt mit Anhang');
    const evidenceId = await p.attach('kontrakt', { content, title: 'Kontrakt 2024' });
    const command = erase(p, evidenceId, 1, content);
    await p.accept(command);

    const rev = findEvidence(p.ctx, evidenceId)?.revisions[0];
    expect(rev?.title).toBe('Kontrakt 2024');
    expect(rev?.content).toEqual(content);
    expect(rev?.erasure).toEqual({ erasedAt: command.at, erasedBy: 'p-ikbo', reason: WHY });
    expect(isErased(p.ctx, evidenceId, 1)).toBe(true);
    expect(erasureOf(p.ctx, evidenceId, 1)?.reason).toBe(WHY);
    expect(erasedDigests(p.ctx)).toEqual(new Set([content.sha256]));
    expect(needsContent(p.ctx, content.sha256)).toBe(false);
    expect(p.w.log.events.at(-1)?.type).toBe('EvidenceErased');
  });

  it('lists a digest as erased only once every revision naming it is erased', async () => {
    const p = await ProcessDriver.open();
    const content = pdf('dieselbe Datei');
    const first = await p.attach('protokoll', { content });
    const second = await p.attach('protokoll', { content });
    await p.accept(erase(p, first, 1, content));
    expect(erasedDigests(p.ctx).has(content.sha256)).toBe(false);
    expect(needsContent(p.ctx, content.sha256)).toBe(true);
    await p.accept(erase(p, second, 1, content));
    expect(erasedDigests(p.ctx).has(content.sha256)).toBe(true);
  });

  it('lets the managing director erase too, but not the IQ coach or the staff council', async () => {
    const p = await ProcessDriver.open();
    const content = pdf('Liste');
    const evidenceId = await p.attach('protokoll', { content });
    for (const [by, role] of [
      [p.people.iq, 'iqCoach'],
      [p.people.pr, 'staffCouncil'],
    ] as const) {
      const command = p.command('EvidenceErased', by, { evidenceId, revision: 1, sha256: content.sha256, reason: WHY });
      const outcome = await p.send(command);
      expect(outcome.reasons).toEqual([reason('roleMayNot', { role, eventType: 'EvidenceErased' })]);
    }
    const outcome = await p.send(erase(p, evidenceId, 1, content, p.people.gf));
    expect(outcome).toMatchObject({ ok: true, appended: 1 });
  });

  it('is possible while the process is paused: erasure does not wait for a resume', async () => {
    const p = await ProcessDriver.open();
    const content = pdf('Liste');
    const evidenceId = await p.attach('protokoll', { content });
    await p.accept(p.command('ProcessPaused', p.people.gf, { reason: 'Die IKBO ist in Elternzeit.' }));
    const outcome = await p.send(erase(p, evidenceId, 1, content, p.people.gf));
    expect(outcome).toMatchObject({ ok: true, appended: 1 });
    expect(p.snapshot.value).toBe('paused');
  });

  it('refuses a reason longer than 1000 characters or an empty one, naming the reason field', async () => {
    const p = await ProcessDriver.open();
    const content = pdf('Liste');
    const evidenceId = await p.attach('protokoll', { content });
    for (const text of ['', '   ', 'x'.repeat(1001)]) {
      const command = p.command('EvidenceErased', p.people.ikbo, { evidenceId, revision: 1, sha256: content.sha256, reason: text });
      const outcome = await p.send(command);
      expect(outcome.reasons.map((r) => [r.code, r.params.path])).toEqual([['invalidCommand', 'payload.reason']]);
    }
  });

  it('erases one old revision without touching the current one', async () => {
    const p = await ProcessDriver.open();
    const old = pdf('alt');
    const evidenceId = await p.attach('kontrakt', { content: old });
    await p.accept(revise(p, evidenceId, 2, pdf('neu')));
    await p.accept(erase(p, evidenceId, 1, old));
    expect(isErased(p.ctx, evidenceId, 1)).toBe(true);
    expect(isErased(p.ctx, evidenceId, 2)).toBe(false);
    expect(evidenceForStage(p.ctx, 'mandate', p.later()).map((e) => e.evidenceId)).toEqual([evidenceId]);
  });
});

describe('a sign-off bound to erased evidence', () => {
  it('becomes stale, the milestone needs a new decision on cleaned evidence, and the log keeps both', async () => {
    const p = await ProcessDriver.open();
    const content = pdf('Kontrakt mit Anhang');
    const kontrakt = await p.attach('kontrakt', { content });
    const first = await p.request();
    await p.decide(p.people.gf, 'managingDirector', first.requestId);
    expect(p.milestone().state).toBe('granted');

    await p.accept(erase(p, kontrakt, 1, content));

    expect(p.milestone()).toMatchObject({ state: 'stale', evidenceIds: [kontrakt] });
    const advance = await p.send(p.advanceCommand());
    expect(advance.reasons).toContainEqual(
      reason('signOffStale', { stage: 'mandate', requestId: first.requestId, evidenceIds: [kontrakt] }),
    );
    // The erased Kontrakt proves nothing now: a new request has nothing to cover until a clean one exists.
    expect(coversFor(p.ctx, 'mandate', p.later())).toEqual([]);
    const early = await p.send(p.requestCommand());
    expect(early.reasons.map((r) => r.code)).toContain('missingEvidence');

    const cleaned = pdf('Kontrakt ohne Anhang');
    await p.accept(revise(p, kontrakt, 2, cleaned));
    const second = await p.request();
    expect(second.covers).toEqual([{ evidenceId: kontrakt, revision: 2, sha256: cleaned.sha256 }]);
    await p.decide(p.people.gf, 'managingDirector', second.requestId);
    expect(p.milestone().state).toBe('granted');
    expect((await p.send(p.advanceCommand())).ok).toBe(true);

    const decisions = p.w.log.events.filter((e) => e.type === 'SignOffGranted').map((e) => e.payload.requestId);
    expect(decisions).toEqual([first.requestId, second.requestId]);
  });

  it('refuses a decision on an open request whose covered file was erased while it waited', async () => {
    const p = await ProcessDriver.open();
    const content = pdf('Kontrakt');
    const kontrakt = await p.attach('kontrakt', { content });
    const { requestId } = await p.request();
    const decision = await p.decisionCommand(p.people.gf, 'managingDirector', requestId);
    await p.accept(erase(p, kontrakt, 1, content));
    const outcome = await p.send(decision);
    expect(outcome.reasons).toEqual([reason('requestOutdated', { requestId, evidenceIds: [kontrakt] })]);
  });

  it('stays granted when only an older revision than the approved one is erased', async () => {
    const p = await ProcessDriver.open();
    const old = pdf('alt');
    const kontrakt = await p.attach('kontrakt', { content: old });
    await p.accept(revise(p, kontrakt, 2, pdf('neu')));
    const { requestId } = await p.request();
    await p.decide(p.people.gf, 'managingDirector', requestId);
    await p.accept(erase(p, kontrakt, 1, old));
    expect(p.milestone().state).toBe('granted');
    const request = p.milestone();
    if (request.state !== 'granted') throw new Error('unreachable');
    expect(staleCovers(p.ctx, request.request, p.later())).toEqual([]);
  });
});

describe('a log with erasures', () => {
  async function erasedLog() {
    const p = await ProcessDriver.open();
    const content = pdf('Kontrakt mit Anhang');
    const kontrakt = await p.attach('kontrakt', { content });
    const { requestId } = await p.request();
    await p.decide(p.people.gf, 'managingDirector', requestId);
    await p.accept(erase(p, kontrakt, 1, content));
    return { p, kontrakt, content };
  }

  it('replays to the live state, from scratch and from a cache taken before or after the erasure', async () => {
    const { p } = await erasedLog();
    const events = p.w.log.events;
    expect(stateOf(replay(engine(), events))).toEqual(stateOf(p.snapshot));
    for (const k of [events.length - 1, events.length]) {
      const cached = restoreCached(engine(), JSON.parse(JSON.stringify(toCache(replay(engine(), events.slice(0, k))))));
      expect(cached).not.toBeNull();
      expect(stateOf(replay(engine(), events.slice(k), cached as ProcessSnapshot))).toEqual(stateOf(p.snapshot));
    }
  });

  it('exports a bundle that verifies intact and lists the erasure in its evidence index', async () => {
    const { p, kontrakt, content } = await erasedLog();
    const erasedEvent = p.w.log.events.at(-1);
    const bundle = await buildBundle({
      engine: engine(),
      events: p.w.log.events,
      snapshot: p.snapshot,
      exporter: { personId: p.people.ikbo.personId, key: p.people.ikbo.key },
      exportedAt: p.later(),
    });
    expect(bundle.evidence).toContainEqual(
      expect.objectContaining({
        evidenceId: kontrakt,
        revision: 1,
        sha256: content.sha256,
        erased: { erasedAt: erasedEvent?.at, erasedBy: 'p-ikbo', reason: WHY },
      }),
    );
    const verdict = await verifyBundle(engine(), bundle, sha256);
    expect(verdict.status).toBe('intact');
    if (verdict.status !== 'intact') return;
    expect(verdict.summary.erased).toEqual([
      expect.objectContaining({ evidenceId: kontrakt, revision: 1, sha256: content.sha256, erasedAt: erasedEvent?.at }),
    ]);

    // Dropping the erasure from the index (to hide it) breaks the evidence section.
    const hidden = structuredClone(bundle);
    for (const entry of hidden.evidence) delete entry.erased;
    expect(await verifyBundle(engine(), hidden, sha256)).toMatchObject({
      status: 'broken',
      problem: { code: 'sectionMismatch', section: 'evidence' },
    });
  });
});
