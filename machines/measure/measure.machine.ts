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

const STATUSES = ['planned', 'running', 'replanned', 'done', 'cancelled'] as const;
const STEPS = [
  'MeasureStarted',
  'MeasureCompleted',
  'MeasureReplanned',
  'MeasureCancelled',
] as const satisfies readonly MeasureStep['type'][];

/**
 * The life cycle as a table, computed once from the machine: replay asks it for every measure
 * event, and a table lookup costs nothing where `transition()` builds an actor each time.
 */
const NEXT: ReadonlyMap<string, MeasureStatus> = new Map(
  STATUSES.flatMap((status) => {
    const from = measureMachine.resolveState({ value: status });
    // `can`, not a changed snapshot: re-planning a re-planned measure returns the same snapshot.
    return STEPS.filter((step) => from.can({ type: step })).map((step) => {
      const [to] = transition(measureMachine, from, { type: step });
      return [`${status} ${step}`, to.value as MeasureStatus] as const;
    });
  }),
);

/** Where a measure goes on `step`, or null when its life cycle does not allow the step. */
export function nextMeasureStatus(status: MeasureStatus, step: MeasureStep['type']): MeasureStatus | null {
  return NEXT.get(`${status} ${step}`) ?? null;
}

export const OPEN_MEASURE_STATUSES: ReadonlySet<MeasureStatus> = new Set(['planned', 'running', 'replanned']);
