import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';

export function StandardsTab(_props: { processId: string; snapshot: ProcessSnapshot }) {
  return null;
}
