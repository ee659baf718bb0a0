/**
 * The machine's guards are named by what they check, and each checks only the facts it is named
 * for: every kind of event is decided by exactly one guard, and a guard asked about an event that
 * is not its own refuses it even when the rules would let it happen.
 */
import { describe, expect, it } from 'vitest';
import type { ProcessContext } from '../../machines/process/process.context.ts';
import { type EventType, PAYLOAD_SCHEMAS, type ProcessEvent } from '../../machines/process/process.events.ts';
import { GUARDED_FACTS } from '../../machines/process/process.machine.ts';
import { ruleReasons } from '../../machines/process/process.rules.ts';
import { ProcessDriver } from '../support/process-driver.ts';

type Guard = (args: { context: ProcessContext; event: ProcessEvent }) => boolean;

describe('named guards', () => {
  it('decide every kind of event with exactly one guard; StageAdvanced with the exit criteria of its target', () => {
    const owners = new Map<EventType, string[]>();
    for (const [guard, facts] of Object.entries(GUARDED_FACTS)) {
      for (const fact of facts) owners.set(fact, [...(owners.get(fact) ?? []), guard]);
    }
    const unguarded = (Object.keys(PAYLOAD_SCHEMAS) as EventType[]).filter((type) => !owners.has(type));
    expect(unguarded).toEqual(['StageAdvanced']);
    expect([...owners.entries()].filter(([, guards]) => guards.length !== 1)).toEqual([]);
  });

  it('let an event through only the guard named for it', async () => {
    const d = await ProcessDriver.open();
    const event = d.evidenceCommand('kontrakt');
    expect(ruleReasons(d.engine.rulebook, d.ctx, event)).toEqual([]);
    const guards = d.engine.machine.implementations.guards as Record<string, Guard>;
    const verdicts = Object.fromEntries(Object.keys(GUARDED_FACTS).map((name) => [name, guards[name]?.({ context: d.ctx, event })]));
    expect(verdicts).toEqual({
      isValidOpening: false,
      mayManagePeople: false,
      mayRecordEvidence: true,
      mayEraseContent: false,
      measureStepAllowed: false,
      mayRecordAssessment: false,
      milestoneReadyForSignOff: false,
      fourEyesSignOff: false,
      mayPauseOrResume: false,
    });
  });

  it('refuse in their own guard what the rules refuse', async () => {
    const d = await ProcessDriver.open();
    const event = d.evidenceCommand('no-such-kind');
    expect(ruleReasons(d.engine.rulebook, d.ctx, event).map((r) => r.code)).toEqual(['evidenceKindUnknown']);
    const guards = d.engine.machine.implementations.guards as Record<string, Guard>;
    expect(guards.mayRecordEvidence?.({ context: d.ctx, event })).toBe(false);
  });
});
