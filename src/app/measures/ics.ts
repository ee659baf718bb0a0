/**
 * Deadlines as a calendar file (iCalendar, RFC 5545) that Outlook and other calendars import:
 * the deadline of every open measure and the due date of every open sign-off request, each as an
 * all-day event. Pure: the same process, language and clock give the same text. An event keeps
 * its UID from export to export, so importing a newer file updates the entry instead of adding
 * a second one.
 */
import type { MeasureRecord, ProcessContext, SignOffRequestRecord } from '../../../machines/process/process.context.ts';
import { findMeasure, isOverdue, requestsFor } from '../../../machines/process/process.queries.ts';
import { type Rulebook, stageTemplate } from '../../../standards/rulebook.ts';
import { signOffDueDay } from '../../domain/sign-off-due.ts';
import { addDays, formatDay } from '../../i18n/dates.ts';
import type { Lang } from '../../i18n/lang.ts';
import { calendarMessages, iqLevelLabels, measureStatusLabels } from './messages.ts';

export const PRODID = '-//Ankerpunkt//DIKOE-Prozess//DE';
const CRLF = '\r\n';
/** RFC 5545, 3.1: a content line is at most 75 octets long, line break excluded. */
const MAX_OCTETS = 75;

export interface CalendarEntry {
  uid: string;
  /** The all-day event's day, YYYY-MM-DD. */
  day: string;
  summary: string;
  description: string;
  /** Raised with every re-planning, so a calendar takes the newer deadline on import. */
  sequence: number;
}

/** Escapes a TEXT value (RFC 5545, 3.3.11); control characters other than tab are dropped. */
export function escapeText(value: string): string {
  let out = '';
  for (const ch of value.replace(/\r\n?/g, '\n')) {
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case ';':
        out += '\\;';
        break;
      case ',':
        out += '\\,';
        break;
      case '\n':
        out += '\\n';
        break;
      default: {
        const code = ch.codePointAt(0) ?? 0;
        if ((code < 0x20 && ch !== '\t') || code === 0x7f) break;
        out += ch;
      }
    }
  }
  return out;
}

function utf8Length(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/**
 * Folds a content line into lines of at most 75 octets (RFC 5545, 3.1). It counts UTF-8 bytes
 * and breaks only between characters, so an umlaut is never cut in half; each continuation line
 * starts with one space, which counts towards its 75 octets.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = utf8Length(ch);
    if (size + n > MAX_OCTETS) {
      lines.push(current);
      current = ' ';
      size = 1;
    }
    current += ch;
    size += n;
  }
  lines.push(current);
  return lines.join(CRLF);
}

const icsDate = (day: string) => day.replaceAll('-', '');
const icsStamp = (at: Date) => `${at.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

function measureEntry(rulebook: Rulebook, measure: MeasureRecord, lang: Lang, at: string): CalendarEntry {
  const t = calendarMessages[lang];
  const overdue = isOverdue(measure, at);
  const template = rulebook.measureTemplates.templates.find((x) => x.id === measure.templateId);
  const lines = [
    `${t.owner}: ${measure.owner}`,
    `${t.indicator}: ${measure.indicator}`,
    `${t.iqLevel}: ${iqLevelLabels[lang][measure.iqLevel]}`,
    `${t.status}: ${measureStatusLabels[lang][measure.status]}`,
    `${t.cycle}: ${measure.cycle}${template ? ` · ${template.title[lang]}` : ''}`,
    ...(overdue ? [t.overdueSince(formatDay(measure.due, lang))] : []),
    t.source,
  ];
  return {
    uid: `${measure.measureId}@ankerpunkt`,
    day: measure.due,
    summary: t.measureSummary(measure.title, overdue),
    description: lines.join('\n'),
    sequence: measure.history.filter((h) => h.status === 'replanned').length,
  };
}

function signOffEntry(rulebook: Rulebook, ctx: ProcessContext, request: SignOffRequestRecord, lang: Lang): CalendarEntry {
  const t = calendarMessages[lang];
  const stage = stageTemplate(rulebook, request.stage);
  const role = (id: string) => rulebook.template.roles.find((r) => r.id === id)?.label[lang] ?? id;
  const waiting = request.requiredRoles.filter((r) => !request.decisions.some((d) => d.role === r));
  const days = rulebook.template.signOffDueDays;
  const lines = [
    `${t.stage}: ${stage.number}. ${stage.title[lang]} (${t.cycle} ${request.cycle})`,
    t.requestedBy(ctx.people[request.requestedBy]?.name ?? request.requestedBy, formatDay(request.requestedAt, lang)),
    `${t.waitingFor}: ${waiting.map(role).join(', ')}`,
    t.dueRule(days),
    t.source,
  ];
  return {
    uid: `${request.requestId}@ankerpunkt`,
    day: signOffDueDay(request.requestedAt, days),
    summary: t.signOffSummary(stage.milestone.title[lang]),
    description: lines.join('\n'),
    sequence: 0,
  };
}

/** Open sign-off requests that still count: the latest request of their stage in their cycle. */
function openRequests(ctx: ProcessContext): SignOffRequestRecord[] {
  return ctx.cycles.flatMap((cycle) =>
    Object.values(cycle.signOffs).filter((r) => {
      const ofStage = requestsFor(ctx, r.stage, r.cycle);
      return r.status === 'open' && ofStage[ofStage.length - 1]?.requestId === r.requestId;
    }),
  );
}

/** The calendar's entries, ordered by day: open measures' deadlines and open sign-offs' due dates. */
export function calendarEntries(snapshot: { context: ProcessContext }, rulebook: Rulebook, lang: Lang, now: Date): CalendarEntry[] {
  const ctx = snapshot.context;
  const at = now.toISOString();
  const measures = ctx.openMeasureIds
    .map((id) => findMeasure(ctx, id))
    .filter((m): m is MeasureRecord => m !== undefined)
    .map((m) => measureEntry(rulebook, m, lang, at));
  const signOffs = openRequests(ctx).map((r) => signOffEntry(rulebook, ctx, r, lang));
  return [...measures, ...signOffs].sort((a, b) => (a.day === b.day ? (a.uid < b.uid ? -1 : 1) : a.day < b.day ? -1 : 1));
}

function eventLines(entry: CalendarEntry, stamp: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${entry.uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${icsDate(entry.day)}`,
    `DTEND;VALUE=DATE:${icsDate(addDays(entry.day, 1))}`,
    `SEQUENCE:${entry.sequence}`,
    `SUMMARY:${escapeText(entry.summary)}`,
    `DESCRIPTION:${escapeText(entry.description)}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** The process's deadlines as an iCalendar text: CRLF line ends, folded at 75 octets. */
export function calendarFor(snapshot: { context: ProcessContext }, rulebook: Rulebook, lang: Lang, now: Date): string {
  const stamp = icsStamp(now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendarMessages[lang].name(snapshot.context.agency?.name ?? 'Ankerpunkt'))}`,
    ...calendarEntries(snapshot, rulebook, lang, now).flatMap((entry) => eventLines(entry, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
