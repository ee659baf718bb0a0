/** Days and times as people in Germany read them, whatever the zone of the device. */
import { describe, expect, it } from 'vitest';
import { addDays, berlinDay, calendarDaysBetween, formatDateTime, formatDay } from '../../src/i18n/dates.ts';

describe('dates', () => {
  it('writes a day and a time in German time, in German and English', () => {
    expect(formatDay('2026-03-05', 'de')).toBe('05.03.2026');
    expect(formatDay('2026-03-05', 'en')).toBe('5 Mar 2026');
    // 23:30 UTC on 31 December is already New Year's Day in Germany.
    expect(formatDay('2026-12-31T23:30:00.000Z', 'de')).toBe('01.01.2027');
    expect(formatDateTime('2026-07-01T08:05:00.000Z', 'de')).toBe('01.07.2026, 10:05');
    expect(formatDateTime('2026-07-01T08:05:00.000Z', 'en')).toBe('1 Jul 2026, 10:05');
  });

  it('shows what it cannot read as it is', () => {
    expect(formatDay('bald', 'de')).toBe('bald');
    expect(formatDateTime('', 'en')).toBe('');
  });

  it('gives the German day of an instant the same way in every hour, with or without milliseconds', () => {
    expect(berlinDay('2026-03-29T00:59:00.000Z')).toBe('2026-03-29');
    expect(berlinDay('2026-03-29T22:00:00Z')).toBe('2026-03-30');
    expect(berlinDay('2026-03-29T21:59:59.999Z')).toBe('2026-03-29');
  });

  it('adds calendar days across months and years, and back', () => {
    expect(addDays('2026-02-20', 14)).toBe('2026-03-06');
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2026-03-06', -14)).toBe('2026-02-20');
  });

  it('counts German calendar days between days or instants, not 24-hour periods', () => {
    expect(calendarDaysBetween('2026-03-01', '2026-03-15')).toBe(14);
    // 40 minutes apart, but across German midnight: one day.
    expect(calendarDaysBetween('2026-03-04T22:50:00.000Z', '2026-03-04T23:30:00.000Z')).toBe(1);
    // 23 hours apart, on the same German day: none.
    expect(calendarDaysBetween('2026-03-04T23:00:00.000Z', '2026-03-05T22:00:00.000Z')).toBe(0);
  });
});
