/**
 * `explain(snapshot, event)`: why the machine refuses a fact right now, as reasons. It combines
 * where the statechart stands (not opened, paused) with the rule for the fact. A test holds it
 * to the machine: it returns no reason exactly when `transition` accepts the event.
 */
import type { SnapshotFrom } from 'xstate';
import type { Rulebook } from '../../standards/rulebook.ts';
import type { ProcessEvent } from './process.events.ts';
import { ALLOWED_WHILE_PAUSED, type ProcessMachine } from './process.machine.ts';
import { ruleReasons } from './process.rules.ts';
import { type Reason, reason } from './reasons.ts';

export type ProcessSnapshot = SnapshotFrom<ProcessMachine>;

export function explain(rulebook: Rulebook, snapshot: ProcessSnapshot, event: ProcessEvent): Reason[] {
  const opened = !snapshot.matches('notStarted');
  if (!opened && event.type !== 'ProcessOpened') return [reason('processNotOpened')];
  if (opened && event.type === 'ProcessOpened') return [reason('processAlreadyOpened')];
  const paused = snapshot.matches('paused');
  if (paused && !ALLOWED_WHILE_PAUSED.has(event.type)) {
    return [reason('processPaused', { since: snapshot.context.pausedAt ?? '' })];
  }
  if (!paused && event.type === 'ProcessResumed') return [reason('processNotPaused')];
  return ruleReasons(rulebook, snapshot.context, event);
}
