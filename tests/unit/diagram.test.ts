import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { processMachineDoc } from '../../scripts/diagram-doc.ts';

describe('process diagram', () => {
  it('in docs/ is the one generated from the machine definition (run `npm run diagram` after changing the machine)', async () => {
    const committed = await readFile(new URL('../../docs/process-machine.md', import.meta.url), 'utf8');
    expect(committed).toBe(processMachineDoc());
  });

  it('shows every stage, the yearly loop and the history on resume', () => {
    const doc = processMachineDoc();
    for (const stage of ['mandate', 'setup', 'baseline', 'plan', 'implementation', 'anchoring', 'review', 'renewal']) {
      expect(doc).toContain(stage);
    }
    expect(doc).toContain('renewal --> plan : StageAdvanced');
    expect(doc).toContain('paused --> active : ProcessResumed [mayPauseOrResume] (history)');
  });
});
