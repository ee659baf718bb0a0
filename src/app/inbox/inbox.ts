/**
 * What the director's inbox lists: the open sign-off request of every process on this device
 * (own processes and read-only copies from request files), those the current person can decide
 * first, then overdue before on time, then oldest first. Pure, so the order is tested without a
 * screen.
 */
import { signOffState } from '../../../machines/process/process.queries.ts';
import type { Rulebook } from '../../../standards/rulebook.ts';
import type { RoleId, StageId } from '../../../standards/schema.ts';
import type { StoredProcess } from '../../db/process-reads.ts';
import type { SavedResponse } from '../../db/saved-responses.ts';
import { signOffDue } from '../../domain/sign-off-due.ts';

export interface InboxRow {
  processId: string;
  agencyName: string;
  readOnly: boolean;
  requestId: string;
  stage: StageId;
  cycle: number;
  requestedBy: string;
  requestedAt: string;
  /** The day by which a decision is due: the German day of the request plus the template's signOffDueDays. */
  due: string;
  overdue: boolean;
  waitingFor: RoleId[];
  /** Roles among `waitingFor` that the current person holds in this process. */
  mine: RoleId[];
  /** A response file this device saved for the request (read-only copies only). */
  answered: SavedResponse | null;
}

export function inboxRows(
  rulebook: Rulebook,
  entries: readonly StoredProcess[],
  personId: string | null,
  now: string,
  saved: readonly SavedResponse[] = [],
): InboxRow[] {
  const rows = entries.flatMap((entry): InboxRow[] => {
    const ctx = entry.snapshot.context;
    const state = signOffState(rulebook, ctx, ctx.stage, now);
    if (state.state !== 'pending') return [];
    const { request, roles } = state;
    const held = personId ? (ctx.people[personId]?.roles ?? []) : [];
    const answered = saved.find((s) => s.processId === entry.processId && s.requestId === request.requestId) ?? null;
    const { due, overdue } = signOffDue(request.requestedAt, rulebook.template.signOffDueDays, now);
    return [
      {
        processId: entry.processId,
        agencyName: ctx.agency?.name ?? entry.processId,
        readOnly: entry.readOnly,
        requestId: request.requestId,
        stage: request.stage,
        cycle: request.cycle,
        requestedBy: ctx.people[request.requestedBy]?.name ?? request.requestedBy,
        requestedAt: request.requestedAt,
        due,
        overdue,
        waitingFor: roles,
        mine: answered ? [] : roles.filter((r) => held.includes(r)),
        answered,
      },
    ];
  });
  return rows.sort(
    (a, b) =>
      Number(b.mine.length > 0) - Number(a.mine.length > 0) ||
      Number(b.overdue) - Number(a.overdue) ||
      (a.requestedAt < b.requestedAt ? -1 : a.requestedAt > b.requestedAt ? 1 : 0),
  );
}
