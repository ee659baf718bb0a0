/**
 * When a sign-off request is due. "Within 14 days" means what a person in the agency means:
 * 14 calendar days in Germany after the day of the request, whatever the hour it was made; the
 * request is overdue from the day after its due day. The inbox, the calendar file, the
 * Prozessbericht and the regional overview all ask here, so they cannot disagree near midnight
 * (they once did: the inbox counted UTC days, the report elapsed 24-hour periods).
 */
import { addDays, berlinDay, calendarDaysBetween } from '../i18n/dates.ts';

/** The day a decision on a request made at `requestedAt` is due: its German day plus `dueDays`. */
export function signOffDueDay(requestedAt: string, dueDays: number): string {
  return addDays(berlinDay(requestedAt), dueDays);
}

export interface SignOffDue {
  due: string;
  /** German calendar days since the day of the request: 0 on that day. */
  daysOpen: number;
  overdue: boolean;
}

export function signOffDue(requestedAt: string, dueDays: number, asOf: string): SignOffDue {
  const requestedOn = berlinDay(requestedAt);
  const today = berlinDay(asOf);
  const due = addDays(requestedOn, dueDays);
  return { due, daysOpen: calendarDaysBetween(requestedOn, today), overdue: today > due };
}
