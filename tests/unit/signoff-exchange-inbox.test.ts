/**
 * The director's inbox: which open requests it lists, for whom, and in which order; and that
 * every reason a sign-off file is refused has a German and an English message.
 */
import { describe, expect, it } from 'vitest';
import { inboxRows } from '../../src/app/inbox/inbox.ts';
import { exchangeMessages } from '../../src/app/signoff/exchange-messages.ts';
import type { OpenRequestProblem } from '../../src/db/signoff-files.ts';
import type { ResponseProblem } from '../../src/domain/signoff-exchange.ts';
import { ProcessDriver } from '../support/process-driver.ts';

async function openRequest(start: string, agencyType: 'AA' | 'JC' = 'AA'): Promise<ProcessDriver> {
  const p = await ProcessDriver.open({ start, agencyType });
  await p.attach('kontrakt');
  await p.request();
  return p;
}

const entry = (p: ProcessDriver, processId: string, readOnly = false) => ({
  processId,
  snapshot: p.snapshot,
  readOnly,
});

describe('director’s inbox', () => {
  it('lists the open request of each process, the current person’s first, then overdue, then oldest', async () => {
    const old = await openRequest('2024-01-15T08:00:00.000Z');
    const recent = await openRequest('2024-03-01T08:00:00.000Z');
    const decided = await openRequest('2024-02-01T08:00:00.000Z');
    const state = decided.milestone();
    if (state.state !== 'pending') throw new Error('pending expected');
    await decided.decide(decided.people.gf, 'managingDirector', state.request.requestId);
    const rulebook = old.engine.rulebook;
    const entries = [entry(recent, 'recent'), entry(decided, 'decided'), entry(old, 'old', true)];

    // For the managing director on 2024-01-20 nothing is overdue yet: oldest first.
    const early = inboxRows(rulebook, entries, 'p-gf', '2024-01-20T12:00:00.000Z');
    expect(early.map((r) => r.processId)).toEqual(['old', 'recent']);
    expect(early[0]).toMatchObject({
      mine: ['managingDirector'],
      readOnly: true,
      overdue: false,
      due: '2024-01-29',
      requestedBy: 'Leyla Aydın',
    });

    // On 2024-03-20 both are overdue (due 14 days after the request): still oldest first.
    const late = inboxRows(rulebook, entries, 'p-gf', '2024-03-20T12:00:00.000Z');
    expect(late.map((r) => [r.processId, r.overdue])).toEqual([
      ['old', true],
      ['recent', true],
    ]);

    // On 2024-03-05 only the old one is overdue; for the staff council neither is theirs.
    const mid = inboxRows(rulebook, [entry(recent, 'recent'), entry(old, 'old')], 'p-pr', '2024-03-05T12:00:00.000Z');
    expect(mid.map((r) => [r.processId, r.overdue, r.mine])).toEqual([
      ['old', true, []],
      ['recent', false, []],
    ]);
  });

  it('puts the current person’s requests before others’ even when those are overdue, and drops answered ones from “mine”', async () => {
    const overdueOthers = await openRequest('2024-01-15T08:00:00.000Z');
    const mine = await openRequest('2024-03-01T08:00:00.000Z');
    const rulebook = mine.engine.rulebook;
    // Only the second process knows the director as such: the first is someone else's copy.
    const withoutDirector = { ...overdueOthers.snapshot.context, people: { ...overdueOthers.ctx.people } };
    delete (withoutDirector.people as Record<string, unknown>)['p-gf'];
    const entries = [
      {
        processId: 'others',
        snapshot: { ...overdueOthers.snapshot, context: withoutDirector } as typeof overdueOthers.snapshot,
        readOnly: true,
      },
      entry(mine, 'mine'),
    ];
    const rows = inboxRows(rulebook, entries, 'p-gf', '2024-03-05T12:00:00.000Z');
    expect(rows.map((r) => [r.processId, r.mine.length > 0, r.overdue])).toEqual([
      ['mine', true, false],
      ['others', false, true],
    ]);
    const state = mine.milestone();
    if (state.state !== 'pending') throw new Error('pending expected');
    const answered = inboxRows(rulebook, entries, 'p-gf', '2024-03-05T12:00:00.000Z', [
      {
        processId: 'mine',
        requestId: state.request.requestId,
        decision: 'refused',
        savedAt: '2024-03-04T10:00:00.000Z',
        fileName: 'x.json',
      },
    ]);
    expect(answered.find((r) => r.processId === 'mine')).toMatchObject({ mine: [], answered: { decision: 'refused' } });
  });
});

describe('sign-off file messages', () => {
  const problems: (OpenRequestProblem | ResponseProblem)[] = [
    { code: 'tooLarge', bytes: 200 * 1024 * 1024, limit: 100 * 1024 * 1024 },
    { code: 'notUtf8', offset: 12 },
    { code: 'notJson', offset: 3, expected: 'colon' },
    { code: 'duplicateKey', path: 'decision.seq' },
    { code: 'wrongFormat', expected: 'response', got: 'request' },
    { code: 'wrongVersion', got: 2 },
    { code: 'schema', issues: [{ path: 'decision.payload.comment', message: 'x', problem: 'invalid' }] },
    { code: 'bundleInvalid', problem: { code: 'notBundle' } },
    { code: 'bundleBroken', seq: 7, problem: { code: 'hashMismatch', expected: 'a', got: 'b' } },
    { code: 'fileDigestMismatch', name: 'kontrakt.pdf' },
    { code: 'fileNotCovered', name: 'x.pdf' },
    { code: 'requestNotFound', requestId: 'r-1' },
    { code: 'requestNotOpen', requestId: 'r-1' },
    { code: 'ownProcess', processId: 'p' },
    { code: 'olderThanCopy', processId: 'p' },
    { code: 'notStored', detail: '' },
    { code: 'wrongProcess', processId: 'p' },
    { code: 'alreadyImported', requestId: 'r-1' },
  ];
  it('says in German and English what is wrong with each refused file', () => {
    for (const problem of problems) {
      expect(exchangeMessages.de.problem(problem)).toMatch(/\S{3,}/);
      expect(exchangeMessages.en.problem(problem)).toMatch(/\S{3,}/);
    }
    expect(exchangeMessages.de.problem(problems[0] as OpenRequestProblem)).toBe('Die Datei ist zu groß (200 MB; höchstens 100 MB).');
    expect(exchangeMessages.de.problem({ code: 'fileDigestMismatch', name: 'kontrakt.pdf' })).toContain('verändert');
  });
});
