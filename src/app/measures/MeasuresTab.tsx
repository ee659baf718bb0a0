import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';

export function MeasuresTab(_props: { processId: string; snapshot: ProcessSnapshot }) {
  return null;
}
