/**
 * Where the sign-off list of a process offers the two-device way: for an open request, saving
 * it as a file for a director elsewhere; for the process, reading their response back in. Not
 * on a read-only copy (that is the director's side: see DecisionPanel), and no export for a
 * person who can decide here themselves.
 */
import type { SignOffRequestRecord } from '../../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { isOpenRequest } from '../../domain/signoff-exchange.ts';
import { useCurrentIdentity } from '../data.tsx';
import { useReadOnly } from '../process-data.tsx';
import { RequestFileExport } from './RequestFileExport.tsx';
import { ResponseImport } from './ResponseImport.tsx';

export function RequestExchange({
  processId,
  snapshot,
  request,
}: {
  processId: string;
  snapshot: ProcessSnapshot;
  request: SignOffRequestRecord;
}) {
  const identity = useCurrentIdentity();
  const readOnly = useReadOnly();
  const ctx = snapshot.context;
  if (readOnly || !isOpenRequest(ctx, request)) return null;
  const myRoles = identity ? (ctx.people[identity.personId]?.roles ?? []) : [];
  const waiting = request.requiredRoles.filter((role) => !request.decisions.some((d) => d.role === role));
  if (waiting.every((role) => myRoles.includes(role))) return null;
  return <RequestFileExport processId={processId} snapshot={snapshot} request={request} />;
}

export function ResponseExchange({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const readOnly = useReadOnly();
  if (readOnly) return null;
  return <ResponseImport processId={processId} snapshot={snapshot} />;
}
