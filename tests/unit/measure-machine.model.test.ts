/**
 * Model-based test of the measure life cycle. xstate/graph walks the machine with every step as
 * a candidate event; the shortest paths then reach every status and take every transition of the
 * config, and `nextMeasureStatus`, which the process rules ask, must agree with each edge.
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

const STEPS: readonly MeasureStep[] = [
  { type: 'MeasureStarted' },
  { type: 'MeasureCompleted' },
  { type: 'MeasureReplanned' },
  { type: 'MeasureCancelled' },
];

const STATUSES = Object.keys(measureMachine.root.states) as MeasureStatus[];

/** Every transition written in the config, as "from --step--> to". */
const DEFINED = Object.values(measureMachine.root.states).flatMap((node) =>
  [...node.transitions.values()].flat().map((t) => `${node.key} --${t.eventType}--> ${t.target?.[0]?.key ?? node.key}`),
);

/**
 * Keyed by status alone, a shortest path would enter each status once and take no self-transition
 * (replanned → replanned), so every accepted step (from, step, to) is a vertex of its own. A
 * refused step returns the same snapshot object and so keeps the key of the vertex it came from.
 */
const keys = new WeakMap<MeasureSnapshot, string>();
function serializeState(snapshot: MeasureSnapshot, event: MeasureStep | undefined, previous?: MeasureSnapshot): string {
  let key = keys.get(snapshot);
  if (key === undefined) {
    key = event && previous ? `${previous.value} --${event.type}--> ${snapshot.value}` : String(snapshot.value);
    keys.set(snapshot, key);
  }
  return key;
}

const traversal = { events: STEPS, serializeState };

interface ObservedStep {
  from: MeasureStatus;
  step: MeasureStep['type'];
  to: MeasureStatus;
}

/** The steps of all shortest paths, replayed with `transition` so they are what the machine did. */
function observedSteps(): ObservedStep[] {
  const observed: ObservedStep[] = [];
  for (const path of getShortestPaths(measureMachine, traversal)) {
    let [before] = initialTransition(measureMachine);
    for (const { event } of path.steps.slice(1)) {
      const [after] = transition(measureMachine, before, event);
      observed.push({ from: before.value, step: event.type, to: after.value });
      before = after;
    }
  }
  return observed;
}

describe('measure machine model', () => {
  const observed = observedSteps();

  it('reaches every status from planned', () => {
    const reached = new Set<MeasureStatus>(['planned', ...observed.map((s) => s.to)]);
    expect(STATUSES.filter((s) => !reached.has(s))).toEqual([]);
    expect(STATUSES).toHaveLength(5);
  });

  it('takes every transition of the life cycle', () => {
    const taken = new Set(observed.map((s) => `${s.from} --${s.step}--> ${s.to}`));
    expect(DEFINED.filter((t) => !taken.has(t))).toEqual([]);
    expect(DEFINED).toContain('replanned --MeasureReplanned--> replanned');
  });

  it('takes no step the config does not define', () => {
    const undefinedSteps = observed.map((s) => `${s.from} --${s.step}--> ${s.to}`).filter((t) => !DEFINED.includes(t));
    expect(undefinedSteps).toEqual([]);
  });

  it('has nextMeasureStatus agree with every step the graph explored, refused ones as null', () => {
    const edges = adjacencyMapToArray(getAdjacencyMap(measureMachine, traversal));
    const explored = new Set(edges.map((e) => `${String(e.state.value)}|${e.event.type}`));
    // Every status was tried with every step, so the comparison is exhaustive.
    expect(explored.size).toBe(STATUSES.length * STEPS.length);
    for (const { state, event, nextState } of edges) {
      const expected = nextState === state ? null : nextState.value;
      expect(nextMeasureStatus(state.value, event.type), `${String(state.value)} + ${event.type}`).toBe(expected);
    }
  });

  it('counts as open exactly the statuses that are not final', () => {
    const open = STATUSES.filter((s) => measureMachine.root.states[s]?.type !== 'final');
    expect([...OPEN_MEASURE_STATUSES].sort()).toEqual(open.sort());
  });
});
