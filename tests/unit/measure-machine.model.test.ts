/**
 * Model-based test of the measure life cycle. xstate/graph walks the machine with every step as
 * a candidate event; the shortest paths must reach every status and take every transition of the
 * config, and `nextMeasureStatus`, which the process rules ask, must agree with every edge.
 *
 * A step counts as taken when the snapshot `can` take it: a targeted self-transition without
 * actions (replanned → replanned) is taken, yet `transition` hands back the very same snapshot.
 */

import { describe, expect, it } from 'vitest';
import { initialTransition, type SnapshotFrom, transition } from 'xstate';
import { adjacencyMapToArray, getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import {
  type MeasureStatus,
  type MeasureStep,
  measureMachine,
  nextMeasureStatus,
  OPEN_MEASURE_STATUSES,
} from '../../machines/measure/measure.machine.ts';

type MeasureSnapshot = SnapshotFrom<typeof measureMachine>;
type StepType = MeasureStep['type'];

const STEPS: readonly MeasureStep[] = [
  { type: 'MeasureStarted' },
  { type: 'MeasureCompleted' },
  { type: 'MeasureReplanned' },
  { type: 'MeasureCancelled' },
];

const STATUSES = Object.keys(measureMachine.root.states) as MeasureStatus[];

const label = (from: string, step: string, to: string) => `${from} --${step}--> ${to}`;

/** Every transition written in the config; a targetless one would stay where it is. */
const DEFINED = Object.values(measureMachine.root.states).flatMap((node) =>
  [...node.transitions.values()].flat().map((t) => label(node.key, t.eventType, t.target?.[0]?.key ?? node.key)),
);

/**
 * Keyed by status alone, a shortest path would enter each status once and take no self-transition,
 * so every taken step (from, step, to) is a vertex of its own. A refused step stays at the vertex
 * it came from: the first one recorded for that snapshot object, which is always discovered earlier.
 */
const keys = new WeakMap<MeasureSnapshot, string>();
function serializeState(snapshot: MeasureSnapshot, event: MeasureStep | undefined, previous?: MeasureSnapshot): string {
  let key: string;
  if (!event || !previous) key = snapshot.value;
  else if (previous.can(event)) key = label(previous.value, event.type, snapshot.value);
  else key = keys.get(previous) ?? previous.value;
  if (!keys.has(snapshot)) keys.set(snapshot, key);
  return key;
}

const traversal = { events: STEPS, serializeState };

interface ObservedStep {
  from: MeasureStatus;
  step: StepType;
  to: MeasureStatus;
  taken: boolean;
}

/** The steps of all shortest paths, replayed with `transition` so they are what the machine did. */
function observedSteps(): ObservedStep[] {
  const observed: ObservedStep[] = [];
  for (const path of getShortestPaths(measureMachine, traversal)) {
    let [before] = initialTransition(measureMachine);
    for (const { event } of path.steps.slice(1)) {
      const [after] = transition(measureMachine, before, event);
      observed.push({ from: before.value, step: event.type, to: after.value, taken: before.can(event) });
      before = after;
    }
  }
  return observed;
}

describe('measure machine model', () => {
  const observed = observedSteps();
  const taken = observed.filter((s) => s.taken);

  it('walks only steps the life cycle takes', () => {
    expect(observed.filter((s) => !s.taken)).toEqual([]);
    expect(taken.map((s) => label(s.from, s.step, s.to)).filter((t) => !DEFINED.includes(t))).toEqual([]);
  });

  it('reaches every status from planned', () => {
    const reached = new Set<MeasureStatus>(['planned', ...taken.map((s) => s.to)]);
    expect(STATUSES.filter((s) => !reached.has(s))).toEqual([]);
    expect(STATUSES).toEqual(['planned', 'running', 'replanned', 'done', 'cancelled']);
  });

  it('takes every transition of the life cycle, the re-planning of a re-planned measure included', () => {
    const walked = new Set(taken.map((s) => label(s.from, s.step, s.to)));
    expect(DEFINED.filter((t) => !walked.has(t))).toEqual([]);
    expect(DEFINED).toContain('replanned --MeasureReplanned--> replanned');
  });

  it('has nextMeasureStatus agree with every edge the graph explored, refused ones as null', () => {
    const edges = adjacencyMapToArray(getAdjacencyMap(measureMachine, traversal));
    // Every status was tried with every step, so the comparison is exhaustive.
    expect(new Set(edges.map((e) => `${e.state.value} ${e.event.type}`)).size).toBe(STATUSES.length * STEPS.length);
    const disagreements = edges
      .map(({ state, event, nextState }) => ({ state, event, expected: state.can(event) ? nextState.value : null }))
      .filter(({ state, event, expected }) => nextMeasureStatus(state.value, event.type) !== expected)
      .map(({ state, event, expected }) => `${state.value} + ${event.type}: expected ${expected}`);
    expect([...new Set(disagreements)]).toEqual([]);
  });

  it('counts as open exactly the statuses that are not final', () => {
    const open = STATUSES.filter((s) => measureMachine.root.states[s]?.type !== 'final');
    expect([...OPEN_MEASURE_STATUSES].sort()).toEqual(open.sort());
  });
});
