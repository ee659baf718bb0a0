import { describe, expect, it } from 'vitest';
import { allMeasures } from '../../machines/process/process.collections.ts';
import type { ProcessContext } from '../../machines/process/process.context.ts';
import { overdueMeasures } from '../../machines/process/process.queries.ts';
import { calendarFor, escapeText, foldLine } from '../../src/app/measures/ics.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { signOffDueDay } from '../../src/domain/sign-off-due.ts';
import { addDays } from '../../src/i18n/dates.ts';
import { demoProcess } from '../support/demo.ts';

const rulebook = engine().rulebook;
const NOW = new Date('2026-11-25T10:00:00.000Z');
const octets = (line: string) => new TextEncoder().encode(line).length;
/** Content lines as a calendar reads them: unfolded (RFC 5545, 3.1). */
const unfold = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');
/** Each VEVENT as a map of its property lines ("DTSTART;VALUE=DATE" -> "20260930"). */
function events(ics: string): Map<string, string>[] {
  const found: Map<string, string>[] = [];
  let current: Map<string, string> | null = null;
  for (const line of unfold(ics)) {
    if (line === 'BEGIN:VEVENT') current = new Map();
    else if (line === 'END:VEVENT' && current) {
      found.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current.set(line.slice(0, colon), line.slice(colon + 1));
    }
  }
  return found;
}
async function demoSnapshot() {
  return (await demoProcess()).writer.log.snapshot;
}

describe('calendar text values', () => {
  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('escapes the backslash first, so an escape is never escaped twice', () => {
    expect(escapeText('\\n')).toBe('\\\\n');
  });

  it('drops control characters but keeps tabs and umlauts', () => {
    expect(escapeText('Prüfung\u0007\tÄnderung')).toBe('Prüfung\tÄnderung');
  });
});

describe('line folding', () => {
  it('leaves a line of 75 octets as it is', () => {
    const line = `SUMMARY:${'x'.repeat(67)}`;
    expect(octets(line)).toBe(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds at 75 octets counting umlauts as two octets, and never cuts a character', () => {
    const line = `SUMMARY:${'Übergänge für Maßnahmen außerhalb öffentlicher Förderung; '.repeat(5)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const physical of folded) expect(octets(physical)).toBeLessThanOrEqual(75);
    for (const continuation of folded.slice(1)) expect(continuation.startsWith(' ')).toBe(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
    expect(folded.join('')).not.toContain('\uFFFD');
  });

  it('keeps a four-octet character whole', () => {
    const line = `SUMMARY:${'a'.repeat(66)}📅b`;
    const [first, second] = foldLine(line).split('\r\n');
    expect(first).toBe(`SUMMARY:${'a'.repeat(66)}`);
    expect(second).toBe(' 📅b');
  });
});

describe('calendar file of the demo process', () => {
  it('is a VCALENDAR 2.0 with product id and Gregorian calendar', async () => {
    const lines = unfold(calendarFor(await demoSnapshot(), rulebook, 'de', NOW));
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    expect(lines).toContain('CALSCALE:GREGORIAN');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('ends every line with CRLF and has no bare line feed or carriage return', async () => {
    const ics = calendarFor(await demoSnapshot(), rulebook, 'de', NOW);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('keeps every physical line within 75 octets', async () => {
    const ics = calendarFor(await demoSnapshot(), rulebook, 'de', NOW);
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  it('has one all-day event per open measure and none for done or cancelled ones', async () => {
    const snapshot = await demoSnapshot();
    const open = allMeasures(snapshot.context).filter((m) => ['planned', 'running', 'replanned'].includes(m.status));
    const closed = allMeasures(snapshot.context).filter((m) => m.status === 'done' || m.status === 'cancelled');
    const uids = events(calendarFor(snapshot, rulebook, 'de', NOW)).map((e) => e.get('UID'));
    expect(open.length).toBeGreaterThan(0);
    expect(uids.sort()).toEqual(open.map((m) => `${m.measureId}@ankerpunkt`).sort());
    expect(closed.length).toBeGreaterThan(0);
    for (const m of closed) expect(uids).not.toContain(`${m.measureId}@ankerpunkt`);
  });

  it('gives each event its deadline as DTSTART and the next day as DTEND', async () => {
    const snapshot = await demoSnapshot();
    for (const event of events(calendarFor(snapshot, rulebook, 'de', NOW))) {
      const measure = allMeasures(snapshot.context).find((m) => `${m.measureId}@ankerpunkt` === event.get('UID'));
      if (!measure) throw new Error(`no measure for ${event.get('UID')}`);
      expect(event.get('DTSTART;VALUE=DATE')).toBe(measure.due.replaceAll('-', ''));
      expect(event.get('DTEND;VALUE=DATE')).toBe(addDays(measure.due, 1).replaceAll('-', ''));
      expect(event.get('DTSTAMP')).toBe('20261125T100000Z');
      expect(event.get('DESCRIPTION')).toContain(`Verantwortlich: ${escapeText(measure.owner)}`);
      expect(event.get('DESCRIPTION')).toContain(`Indikator: ${escapeText(measure.indicator)}`);
    }
  });

  it('keeps the UIDs stable from one export to the next', async () => {
    const snapshot = await demoSnapshot();
    const first = events(calendarFor(snapshot, rulebook, 'de', NOW)).map((e) => e.get('UID'));
    const later = events(calendarFor(snapshot, rulebook, 'en', new Date('2027-01-10T08:00:00.000Z'))).map((e) => e.get('UID'));
    expect(later).toEqual(first);
  });

  it('includes the overdue measure and says in its summary that it is overdue', async () => {
    const snapshot = await demoSnapshot();
    const [measure, ...others] = overdueMeasures(snapshot.context, NOW.toISOString());
    if (!measure) throw new Error('the demo has no overdue measure');
    expect(others).toEqual([]);
    const event = events(calendarFor(snapshot, rulebook, 'de', NOW)).find((e) => e.get('UID') === `${measure.measureId}@ankerpunkt`);
    expect(event?.get('SUMMARY')).toBe(escapeText(`Überfällig – Maßnahmenfrist: ${measure.title}`));
    expect(event?.get('DESCRIPTION')).toContain('Überfällig seit');
    expect(event?.get('DTSTART;VALUE=DATE')).toBe(measure.due.replaceAll('-', ''));
  });

  it('does not call a measure overdue before its deadline has passed', async () => {
    const before = new Date('2026-09-30T10:00:00.000Z');
    for (const event of events(calendarFor(await demoSnapshot(), rulebook, 'de', before))) {
      expect(event.get('SUMMARY')).not.toMatch(/Überfällig/);
    }
  });

  it('adds a due reminder for an open sign-off request, signOffDueDays after it was asked for', async () => {
    const snapshot = await demoSnapshot();
    // The demo's requests are all decided; reopen the latest one to have one open.
    const context: ProcessContext = structuredClone(snapshot.context);
    const cycle = context.cycles[context.cycles.length - 1];
    const request = Object.values(cycle?.signOffs ?? {}).sort((a, b) => b.position - a.position)[0];
    if (!request) throw new Error('the demo has no sign-off request');
    request.status = 'open';
    request.decisions = [];
    const reminder = events(calendarFor({ context }, rulebook, 'de', NOW)).find((e) => e.get('UID') === `${request.requestId}@ankerpunkt`);
    const due = signOffDueDay(request.requestedAt, rulebook.template.signOffDueDays);
    expect(reminder?.get('DTSTART;VALUE=DATE')).toBe(due.replaceAll('-', ''));
    expect(reminder?.get('SUMMARY')).toMatch(/^Freigabe fällig: /);
    expect(reminder?.get('DESCRIPTION')).toContain('Geschäftsführung');
  });
});
