/** PLACEHOLDER (being built). */
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';

export function ExportTab(_props: { processId: string; snapshot: ProcessSnapshot }) {
  return <h2>ExportTab</h2>;
}
