/**
 * Days and times as people in Germany read them, and day arithmetic, for every place that shows
 * or compares them: screens, the Prozessbericht, the CLI, CSV sentences, the timeline.
 *
 * Everything a person reads is in German time (Europe/Berlin), whatever the device's own zone:
 * an agency in Tübingen and an auditor's laptop abroad must name the same day. Intl does the
 * calendar and summer time; its formatters are built once per language and kept, because
 * constructing one costs far more than formatting with it.
 *
 * Two kinds of values arrive here: instants (`2026-03-05T09:12:00.000Z`) and ISO days
 * (`2026-03-05`, a due date or a document's date). A day is a calendar date with no zone; it is
 * formatted at noon UTC so that no zone can move it to a neighbouring day.
 */
import { type Lang, localeOf } from './lang.ts';

export const GERMAN_TIME_ZONE = 'Europe/Berlin';

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function cachedPerLang(options: Intl.DateTimeFormatOptions): (lang: Lang) => Intl.DateTimeFormat {
  const formats = new Map<Lang, Intl.DateTimeFormat>();
  return (lang) => {
    let format = formats.get(lang);
    if (!format) {
      format = new Intl.DateTimeFormat(localeOf(lang), { ...options, timeZone: GERMAN_TIME_ZONE });
      formats.set(lang, format);
    }
    return format;
  };
}

const dayFormat = cachedPerLang({ dateStyle: 'medium' });
const dateTimeFormat = cachedPerLang({ dateStyle: 'medium', timeStyle: 'short' });
/** en-CA writes days as YYYY-MM-DD: the ISO day of an instant in German time, without parsing parts. */
const isoDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: GERMAN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

function toDate(isoDayOrInstant: string): Date | null {
  const date = new Date(ISO_DAY.test(isoDayOrInstant) ? `${isoDayOrInstant}T12:00:00Z` : isoDayOrInstant);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A day, or the German day of an instant: 05.03.2026 in German, 5 Mar 2026 in English. Unreadable input is shown as it is. */
export function formatDay(isoDayOrInstant: string, lang: Lang): string {
  const date = toDate(isoDayOrInstant);
  return date ? dayFormat(lang).format(date) : isoDayOrInstant;
}

/** An instant with its German time: 05.03.2026, 10:12 in German, 5 Mar 2026, 10:12 in English. */
export function formatDateTime(instant: string, lang: Lang): string {
  const date = toDate(instant);
  return date ? dateTimeFormat(lang).format(date) : instant;
}

// The offset to UTC changes on whole UTC hours only (summer time starts and ends at 01:00 UTC),
// so every instant of one UTC hour has the same German day: one Intl call per hour of a long
// log instead of one per event, which decision 29 measured as the timeline's dearest step.
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const berlinDayByUtcHour = new Map<string, string>();

/** The calendar day of an instant in Germany, YYYY-MM-DD. */
export function berlinDay(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant.slice(0, 10);
  if (!UTC_INSTANT.test(instant)) return isoDayFormat.format(ms);
  const hour = instant.slice(0, 13);
  let day = berlinDayByUtcHour.get(hour);
  if (day === undefined) {
    day = isoDayFormat.format(ms);
    berlinDayByUtcHour.set(hour, day);
  }
  return day;
}

/** An ISO day plus `days` calendar days (negative: earlier). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * How many calendar days in Germany lie from one day or instant to another: 0 on the same German
 * day, 1 on the next, however few hours apart ("seit 3 Tagen" as a person counts it).
 */
export function calendarDaysBetween(from: string, to: string): number {
  const fromDay = ISO_DAY.test(from) ? from : berlinDay(from);
  const toDay = ISO_DAY.test(to) ? to : berlinDay(to);
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS);
}
