import { describe, expect, it } from 'vitest';
import { syntheticLog } from '../../bench/synthetic-log.ts';
import { entriesOf } from '../../src/app/timeline/entries.ts';
import { checkStoredChain } from '../../src/app/timeline/stored-log.ts';
import type { LoggedEvent } from '../../src/domain/chain.ts';
import { fingerprint } from '../../src/domain/crypto/keys.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { normaliseForSearch } from '../../src/domain/search-text.ts';
import { type TimelineEntry, type TimelineEvent, TimelineWalk, timelineEntries } from '../../src/domain/timeline.ts';
import { filterTimeline, NO_FILTER, type TimelineFilter, timelineFacets } from '../../src/domain/timeline-filter.ts';
import { berlinDay, formatDay } from '../../src/i18n/dates.ts';
import { demoProcess, sha256 } from '../support/demo.ts';
import { unsignedCopy } from '../support/legacy.ts';

const rulebook = engine().rulebook;

async function demoEntries() {
  const { writer, people } = await demoProcess();
  const events = writer.log.events;
  return { events, people, entries: timelineEntries(rulebook, events, writer.log.snapshot.context) };
}

const filter = (patch: Partial<TimelineFilter>): TimelineFilter => ({ ...NO_FILTER, ...patch });
const seqs = (entries: readonly TimelineEntry[]) => entries.map((e) => e.seq);

describe('the timeline of the demo process', () => {
  it('has one entry per event, oldest first, each with who and a sentence in both languages', async () => {
    const { events, entries } = await demoEntries();
    expect(entries).toHaveLength(160);
    expect(seqs(entries)).toEqual(events.map((e) => e.seq));
    const opened = entries[0] as TimelineEntry;
    expect(opened).toMatchObject({ type: 'ProcessOpened', personName: 'Leyla Aydın', role: 'ambassador', stage: 'mandate', cycle: 1 });
    expect(opened.text.de).toContain('Prozess für „Jobcenter Neckar-Alb (Demo)“ (Jobcenter, Baden-Württemberg) eröffnet');
    expect(opened.text.en).toContain('Process for "Jobcenter Neckar-Alb (Demo)" (job centre, Baden-Württemberg) opened');
    for (const entry of entries) {
      expect(entry.text.de.length).toBeGreaterThan(10);
      expect(entry.text.en.length).toBeGreaterThan(10);
      expect(entry.text.de).not.toMatch(/undefined|\[object/);
      expect(entry.text.en).not.toMatch(/undefined|\[object/);
    }
  });

  it('names the decision, the milestone, the comment and the signing key of a refused sign-off', async () => {
    const { events, entries } = await demoEntries();
    const refusals = filterTimeline(entries, filter({ type: 'SignOffRefused', order: 'oldest' }));
    expect(seqs(refusals)).toEqual(events.filter((e) => e.type === 'SignOffRefused').map((e) => e.seq));
    const first = refusals[0] as TimelineEntry;
    const event = events.find((e) => e.seq === first.seq) as Extract<LoggedEvent, { type: 'SignOffRefused' }>;
    expect(first.personName).toBe('Dr. Thomas Berger');
    expect(first.role).toBe('managingDirector');
    expect(first.fingerprint).toBe(fingerprint(event.payload.keyId));
    expect(first.text.de).toContain(
      'Freigabe „Maßnahmenplan beschlossen“ (Phase „Ziel- und Maßnahmenplanung“, Zyklus 1) abgelehnt als Geschäftsführung',
    );
    expect(first.text.de).toContain(`Begründung: „${event.payload.comment}“`);
    expect(first.text.en).toContain('refused as Managing director');
    // It links to the evidence the request covered and to its stage.
    expect(first.links.stage).toBe('plan');
    expect(first.links.evidenceIds.length).toBeGreaterThan(0);
  });

  it('tells the stage and cycle each event happened in, and a stage change belongs to the stage it completes', async () => {
    const { events, entries } = await demoEntries();
    // Every sign-off request names its own stage and cycle: the walk must agree with all of them.
    for (const event of events) {
      if (event.type !== 'SignOffRequested') continue;
      const entry = entries.find((e) => e.seq === event.seq);
      expect(entry).toMatchObject({ stage: event.payload.stage, cycle: event.payload.cycle });
    }
    const renewals = entries.filter((e) => e.type === 'StageAdvanced' && e.stage === 'renewal');
    expect(renewals.length).toBeGreaterThan(0);
    for (const renewal of renewals) {
      expect(renewal.text.de).toContain(`Zyklus ${renewal.cycle + 1} beginnt.`);
      const next = entries[entries.indexOf(renewal) + 1];
      if (next) expect(next.cycle).toBe(renewal.cycle + 1);
    }
    expect(timelineFacets(entries).cycles).toEqual([1, 2, 3]);
  });

  it('shows the fingerprint of a revoked key and the reason', async () => {
    const { entries, people } = await demoEntries();
    const revoked = entries.find((e) => e.type === 'KeyRevoked') as TimelineEntry;
    expect(revoked.fingerprint).toBe(fingerprint(people.gf.key.record.keyId));
    expect(revoked.text.de).toContain(`Schlüssel ${fingerprint(people.gf.key.record.keyId)} von Dr. Thomas Berger widerrufen`);
    expect(revoked.text.de).toContain('Grund: „Dr. Berger ist in den Ruhestand getreten.“');
  });

  it('filters by stage, cycle, person and date range (inclusive, German days), and combines them', async () => {
    const { entries } = await demoEntries();
    const implementation2 = filterTimeline(entries, filter({ stage: 'implementation', cycle: 2, order: 'oldest' }));
    expect(implementation2.length).toBeGreaterThan(0);
    expect(implementation2.every((e) => e.stage === 'implementation' && e.cycle === 2)).toBe(true);
    expect(implementation2.length).toBe(entries.filter((e) => e.stage === 'implementation' && e.cycle === 2).length);

    const berger = filterTimeline(entries, filter({ personId: 'p-berger' }));
    expect(berger.length).toBeGreaterThan(0);
    expect(berger.every((e) => e.personName === 'Dr. Thomas Berger')).toBe(true);

    const day = filterTimeline(entries, filter({ from: '2024-05-10', to: '2024-05-10' }));
    expect(day.length).toBeGreaterThan(10);
    expect(day.every((e) => e.day === '2024-05-10')).toBe(true);
    const open = filterTimeline(entries, filter({ from: '2026-01-01' }));
    expect(open.every((e) => e.day >= '2026-01-01')).toBe(true);
    expect(open.length + filterTimeline(entries, filter({ to: '2025-12-31' })).length).toBe(entries.length);
  });

  it('searches the sentences without caring for case, umlauts, ß or the dotless ı', async () => {
    const { entries } = await demoEntries();
    const exact = filterTimeline(entries, filter({ text: 'Maßnahmenplan' }));
    expect(exact.length).toBeGreaterThan(0);
    expect(seqs(filterTimeline(entries, filter({ text: 'massnahmenplan' })))).toEqual(seqs(exact));
    expect(seqs(filterTimeline(entries, filter({ text: 'MASSNAHMENPLAN' })))).toEqual(seqs(exact));
    const review = filterTimeline(entries, filter({ text: 'Überprüfung' }));
    expect(review.length).toBeGreaterThan(0);
    expect(seqs(filterTimeline(entries, filter({ text: 'Ueberpruefung' })))).toEqual(seqs(review));
    expect(seqs(filterTimeline(entries, filter({ text: 'uberprufung' })))).toEqual(seqs(review));
    expect(filterTimeline(entries, filter({ text: 'Aydin' })).length).toBe(filterTimeline(entries, filter({ text: 'Aydın' })).length);
    // Several words must all occur; the English text is searched too.
    const both = filterTimeline(entries, filter({ text: 'Seminarbudget abgelehnt' }));
    expect(both.map((e) => e.type)).toEqual(['SignOffRefused']);
    expect(seqs(filterTimeline(entries, filter({ text: 'refused' })))).toEqual(
      seqs(filterTimeline(entries, filter({ type: 'SignOffRefused' }))),
    );
    expect(filterTimeline(entries, filter({ text: 'kein solches Wort' }))).toEqual([]);
  });

  it('orders newest first by default and oldest first on request, without changing the entries', async () => {
    const { entries } = await demoEntries();
    const before = seqs(entries);
    const newest = filterTimeline(entries, NO_FILTER);
    expect(seqs(newest)).toEqual([...before].reverse());
    expect(seqs(filterTimeline(entries, filter({ order: 'oldest' })))).toEqual(before);
    expect(seqs(entries)).toEqual(before);
  });
});

describe('events the timeline does not know or that came later', () => {
  const base = { seq: 1, id: 'e1', at: '2026-01-05T09:00:00.000Z', actor: { personId: 'p-x', role: 'ambassador' } };

  it('describes an unknown event type instead of failing', () => {
    const [entry] = timelineEntries(rulebook, [{ ...base, type: 'SomethingNew', payload: { whatever: 1 } }]);
    expect(entry?.text.de).toBe(
      'Ereignis der Art „SomethingNew“ aufgezeichnet. Diese Version von Ankerpunkt kann es nicht näher beschreiben.',
    );
    expect(entry?.personName).toBe('p-x');
    expect(timelineFacets(entry ? [entry] : []).types).toEqual(['SomethingNew']);
  });

  it('describes an erased evidence item by its title, its digest and the reason', () => {
    const events: TimelineEvent[] = [
      {
        ...base,
        type: 'EvidenceAttached',
        payload: {
          evidenceId: 'n-1',
          kind: 'protokoll',
          title: 'Protokoll mit Namen',
          documentDate: '2026-01-05',
          reviewBy: null,
          proves: { stage: 'mandate', measureId: null, standardIds: [] },
          content: { type: 'note', text: 'x', sha256: 'a'.repeat(64) },
        },
      },
      {
        ...base,
        seq: 2,
        id: 'e2',
        type: 'EvidenceErased',
        payload: { evidenceId: 'n-1', revision: 1, sha256: 'ab12'.repeat(16), reason: 'Personenbezogene Daten (Art. 17 DSGVO).' },
      },
    ];
    const erased = timelineEntries(rulebook, events)[1] as TimelineEntry;
    expect(erased.text.de).toBe(
      'Inhalt der Fassung 1 des Nachweises „Protokoll mit Namen“ auf diesem Gerät gelöscht. Die Prüfsumme ab12ab12ab12… bleibt im Protokoll und belegt weiter, was vorlag. Grund: „Personenbezogene Daten (Art. 17 DSGVO).“',
    );
    expect(erased.text.en).toContain('Content of version 1 of evidence "Protokoll mit Namen" erased on this device.');
    expect(erased.links.evidenceIds).toEqual(['n-1']);
  });
});

describe('dates', () => {
  it('gives the German calendar day of an instant, across summer time and the new year', () => {
    expect(berlinDay('2026-03-28T23:30:00.000Z')).toBe('2026-03-29');
    expect(berlinDay('2026-07-01T22:30:00.000Z')).toBe('2026-07-02');
    expect(berlinDay('2026-07-01T21:30:00.000Z')).toBe('2026-07-01');
    expect(berlinDay('2026-10-24T22:30:00.000Z')).toBe('2026-10-25');
    expect(berlinDay('2026-12-31T23:00:00.000Z')).toBe('2027-01-01');
    expect(berlinDay('2026-12-31T22:59:59.999Z')).toBe('2026-12-31');
  });

  it('agrees with Intl for a year of instants, hour by hour', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2026, 0, 2); ms += 3_600_000 + 17_000) {
      const at = new Date(ms).toISOString();
      expect(berlinDay(at), at).toBe(intl.format(new Date(ms)));
    }
  });

  it('writes days the way people do', () => {
    expect(formatDay('2026-03-05', 'de')).toBe('05.03.2026');
    expect(formatDay('2026-03-05', 'en')).toBe('5 Mar 2026');
  });

  it('normalises search text alike for text and query', () => {
    expect(normaliseForSearch('Größe Überprüfung Aydın')).toBe(normaliseForSearch('groesse uberpruefung aydin'));
  });
});

describe('a long log of 10,000 events', () => {
  it('gets an entry for every event and filters it correctly', async () => {
    const { events, writer } = await syntheticLog(10_000, sha256);
    expect(events).toHaveLength(10_000);
    const entries = timelineEntries(rulebook, events, writer.log.snapshot.context);
    expect(entries).toHaveLength(10_000);
    expect(seqs(entries)).toEqual(events.map((e) => e.seq));
    for (const event of events) {
      if (event.type !== 'SignOffRequested') continue;
      expect(entries[event.seq - 1]).toMatchObject({ stage: event.payload.stage, cycle: event.payload.cycle });
    }
    const facets = timelineFacets(entries);
    expect(facets.cycles.length).toBeGreaterThan(20);

    // Every filter against a plain re-implementation over the same entries.
    const cycle = facets.cycles[10] as number;
    const checks: Partial<TimelineFilter>[] = [
      { type: 'MeasureCompleted' },
      { stage: 'review', cycle },
      { personId: 'p-keller' },
      { from: '2030-01-01', to: '2030-06-30' },
      { text: 'Aktennotiz 7' },
      { text: 'steuerungsgruppe', stage: 'implementation', order: 'oldest' },
    ];
    for (const patch of checks) {
      const f = filter(patch);
      const terms = normaliseForSearch(f.text).split(/\s+/).filter(Boolean);
      const expected = entries.filter(
        (e) =>
          (f.stage === null || e.stage === f.stage) &&
          (f.cycle === null || e.cycle === f.cycle) &&
          (f.personId === null || e.personId === f.personId) &&
          (f.type === null || e.type === f.type) &&
          (!f.from || e.day >= f.from) &&
          (!f.to || e.day <= f.to) &&
          terms.every((t) => e.haystack.includes(t)),
      );
      if (f.order === 'newest') expected.reverse();
      const got = filterTimeline(entries, f);
      expect(got.length, JSON.stringify(patch)).toBeGreaterThan(0);
      expect(seqs(got), JSON.stringify(patch)).toEqual(seqs(expected));
    }
  });
});

describe('the chain status of a stored log', () => {
  it('is intact for the demo, with its length and head hash', async () => {
    const { writer } = await demoProcess();
    const events = writer.log.events;
    const last = events[events.length - 1] as LoggedEvent;
    expect(await checkStoredChain(engine(), sha256, events, { seq: last.seq, hash: last.hash })).toEqual({
      status: 'intact',
      count: 160,
      headHash: last.hash,
      signedFrom: 1,
    });
    expect(await checkStoredChain(engine(), sha256, [], null)).toEqual({ status: 'empty' });
  });

  it('says a log recorded before format 2 is not signed', async () => {
    const { writer } = await demoProcess();
    const legacy = await unsignedCopy(writer.log.events);
    const last = legacy[legacy.length - 1] as LoggedEvent;
    expect(await checkStoredChain(engine(), sha256, legacy, { seq: last.seq, hash: last.hash })).toEqual({
      status: 'intact',
      count: 160,
      headHash: last.hash,
      signedFrom: null,
    });
  });

  it('names the first broken event: a changed comment, or events cut off the end', async () => {
    const { writer } = await demoProcess();
    const events = writer.log.events;
    const changed = events.map((e) =>
      e.type === 'SignOffRefused' ? ({ ...e, payload: { ...e.payload, comment: 'Alles bestens.' } } as LoggedEvent) : e,
    );
    const refused = events.find((e) => e.type === 'SignOffRefused') as LoggedEvent;
    const last = events[events.length - 1] as LoggedEvent;
    expect(await checkStoredChain(engine(), sha256, changed, { seq: last.seq, hash: last.hash })).toMatchObject({
      status: 'broken',
      seq: refused.seq,
      problem: { code: 'hashMismatch' },
    });
    expect(await checkStoredChain(engine(), sha256, events.slice(0, 150), { seq: last.seq, hash: last.hash })).toEqual({
      status: 'broken',
      seq: 151,
      problem: { code: 'headMismatch', expected: 160, got: 150 },
    });
  });
});

describe('the timeline walked in stretches', () => {
  it('gives the entries of one walk, whether told at once, in stretches, or continued after the log grew', async () => {
    const { events, entries } = await demoEntries();
    const { writer } = await demoProcess();
    const inStretches = new TimelineWalk(rulebook, writer.log.snapshot.context);
    for (let from = 0; from < events.length; from += 7) inStretches.tell(events, from, Math.min(events.length, from + 7));
    expect(inStretches.entries).toEqual(entries);

    // The screen's kept walk: the first 100 events, then the same log grown to all of them.
    const ctx = writer.log.snapshot.context;
    const first = entriesOf(rulebook, events.slice(0, 100), ctx);
    expect(first).toEqual(entries.slice(0, 100));
    const grown = [...events.slice(0, 100), ...events.slice(100)];
    // Same event objects at the walk's last place: walked on, not again.
    const all = entriesOf(rulebook, grown, ctx);
    expect(all).toEqual(entries);
    expect(all[0]).toBe(first[0]);
    expect(entriesOf(rulebook, grown, ctx)).toBe(all);
    // A log read anew (other objects) is walked from its start.
    const reread = structuredClone(events);
    const again = entriesOf(rulebook, reread, ctx);
    expect(again).toEqual(entries);
    expect(again[0]).not.toBe(all[0]);
  });
});
