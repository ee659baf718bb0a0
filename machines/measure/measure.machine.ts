/**
 * The life cycle of one measure. The process machine holds many measures at once and asks this
 * machine whether a step is allowed from where a measure stands, so the life cycle is defined
 * once, drawn in the docs, and model-tested on its own.
 */
import { setup, transition } from 'xstate';

export type MeasureStatus = 'planned' | 'running' | 'replanned' | 'done' | 'cancelled';
export type MeasureStep =
  | { type: 'MeasureStarted' }
  | { type: 'MeasureCompleted' }
  | { type: 'MeasureReplanned' }
  | { type: 'MeasureCancelled' };

export const measureMachine = setup({
  types: { events: {} as MeasureStep },
}).createMachine({
  id: 'measure',
  version: '1',
  initial: 'planned',
  states: {
    planned: {
      on: { MeasureStarted: 'running', MeasureReplanned: 'replanned', MeasureCancelled: 'cancelled' },
    },
    running: {
      on: { MeasureCompleted: 'done', MeasureReplanned: 'replanned', MeasureCancelled: 'cancelled' },
    },
    /** Moved to a new deadline with a reason; it may start, or carry on if it was running. */
    replanned: {
      on: {
        MeasureStarted: 'running',
        MeasureCompleted: 'done',
        MeasureReplanned: 'replanned',
        MeasureCancelled: 'cancelled',
      },
    },
    done: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

const snapshots = new Map(
  (['planned', 'running', 'replanned', 'done', 'cancelled'] as const).map((status) => [
    status,
    measureMachine.resolveState({ value: status }),
  ]),
);

/** Where a measure goes on `step`, or null when its life cycle does not allow the step. */
export function nextMeasureStatus(status: MeasureStatus, step: MeasureStep['type']): MeasureStatus | null {
  const from = snapshots.get(status);
  // `can`, not a changed snapshot: re-planning a re-planned measure returns the same snapshot.
  if (!from?.can({ type: step })) return null;
  const [to] = transition(measureMachine, from, { type: step });
  return to.value as MeasureStatus;
}

export const OPEN_MEASURE_STATUSES: ReadonlySet<MeasureStatus> = new Set(['planned', 'running', 'replanned']);
