/** PLACEHOLDER (being built). */
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';

export function TimelineTab(_props: { processId: string; snapshot: ProcessSnapshot }) {
  return <h2>TimelineTab</h2>;
}
