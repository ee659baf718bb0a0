/**
 * When a sign-off is due: "within 14 days" counts German calendar days from the day of the
 * request, and the inbox, the calendar and the Prozessbericht all say the same near midnight.
 */
import { describe, expect, it } from 'vitest';
import { inboxRows } from '../../src/app/inbox/inbox.ts';
import { buildReport } from '../../src/domain/report.ts';
import { signOffDue } from '../../src/domain/sign-off-due.ts';
import { addDays } from '../../src/i18n/dates.ts';
import { ProcessDriver } from '../support/process-driver.ts';

describe('a sign-off’s due date', () => {
  it('is the German day of the request plus the due days, and overdue from the day after', () => {
    // 23:30 UTC on 4 March is 00:30 on 5 March in Germany (winter time).
    expect(signOffDue('2024-03-04T23:30:00.000Z', 14, '2024-03-19T22:59:00.000Z')).toEqual({
      due: '2024-03-19',
      daysOpen: 14,
      overdue: false,
    });
    expect(signOffDue('2024-03-04T23:30:00.000Z', 14, '2024-03-19T23:00:00.000Z')).toEqual({
      due: '2024-03-19',
      daysOpen: 15,
      overdue: true,
    });
    // In summer time, German midnight is 22:00 UTC.
    expect(signOffDue('2024-07-01T22:10:00.000Z', 14, '2024-07-16T21:59:00.000Z')).toMatchObject({ due: '2024-07-16', overdue: false });
    expect(signOffDue('2024-07-01T22:10:00.000Z', 14, '2024-07-16T22:00:00.000Z')).toMatchObject({ due: '2024-07-16', overdue: true });
  });

  it('is the same in the inbox and in the report for a request made just after German midnight', async () => {
    const p = await ProcessDriver.open({ start: '2024-03-04T23:30:00.000Z' });
    await p.attach('kontrakt');
    await p.request();
    const rulebook = p.engine.rulebook;
    const due = addDays('2024-03-05', rulebook.template.signOffDueDays);
    const entries = [{ processId: 'p', snapshot: p.snapshot, readOnly: false }];
    // Late morning on the due day counted as overdue in the inbox (UTC days) but not in the
    // report (elapsed 24-hour periods); midnight in Germany is where both now turn.
    for (const [asOf, overdue] of [
      [`${due}T10:00:00.000Z`, false],
      [`${due}T22:59:00.000Z`, false],
      [`${due}T23:00:00.000Z`, true],
    ] as const) {
      const [row] = inboxRows(rulebook, entries, null, asOf);
      expect(row, asOf).toMatchObject({ due, overdue });
      expect(buildReport(p.engine, p.snapshot, asOf).overdueSignOffs.length, asOf).toBe(overdue ? 1 : 0);
    }
  });
});
