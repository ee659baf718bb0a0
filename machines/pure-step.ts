/**
 * One step of a pure machine: the snapshot xstate's `transition()` computes, without building
 * a new actor for every call. `transition()` creates an inert actor scope each time, and the
 * actor's constructor computes the machine's initial state again, entering every initial state
 * node: for the process machine that was more than half of a replay's time (docs/decisions.md,
 * "Speed"). Our machines are pure (no invoked or spawned actors, no actions but `assign`), so
 * one inert scope can serve every step; tests/unit/replay.property.test.ts checks that each step
 * gives what `transition()` gives.
 */
import { type AnyStateMachine, createActor, type EventFromLogic, type SnapshotFrom } from 'xstate';

export type PureStep<M extends AnyStateMachine> = (snapshot: SnapshotFrom<M>, event: EventFromLogic<M>) => SnapshotFrom<M>;

export function pureStep<M extends AnyStateMachine>(machine: M): PureStep<M> {
  const self = createActor(machine);
  const scope = {
    self,
    system: self.system,
    id: '',
    sessionId: '',
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    // Actions other than assign would land here; a pure machine has none, and transition()
    // would only have collected them for the caller, which replay never executes either.
    actionExecutor: () => {},
  };
  return (snapshot, event) => machine.transition(snapshot, event, scope as never) as SnapshotFrom<M>;
}
