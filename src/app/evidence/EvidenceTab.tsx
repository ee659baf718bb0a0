import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';

export function EvidenceTab(_props: { processId: string; snapshot: ProcessSnapshot }) {
  return null;
}
