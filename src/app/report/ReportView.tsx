/** PLACEHOLDER (being built). */
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';

export function ReportView(_props: { processId: string; snapshot: ProcessSnapshot }) {
  return <h2>ReportView</h2>;
}
