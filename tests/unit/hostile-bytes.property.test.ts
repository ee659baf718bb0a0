import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBundleFile } from '../../src/domain/import/check-bundle.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { bundleFileProblemText } from '../../src/i18n/bundle-file.ts';
import { GOOD } from '../fixtures/bundles/build.ts';
import { sha256 } from '../support/demo.ts';

const good = readFileSync(new URL(`../fixtures/bundles/${GOOD.json}`, import.meta.url));
const eng = engine();

/**
 * Whatever bytes are handed over, the check answers with a verdict or a refusal it can put in
 * words, never with an exception: the CLI's exit codes 0, 1 and 2 and the screens' messages
 * depend on it. The bytes are a real bundle with a few bytes overwritten, inserted or removed,
 * so most of them get far into the reader before something is wrong.
 */
describe('hostile bytes', () => {
  it('never throws, whatever is changed in a bundle', async () => {
    const edit = fc.record({
      at: fc.nat({ max: good.length - 1 }),
      remove: fc.nat({ max: 8 }),
      insert: fc.uint8Array({ maxLength: 8 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        let bytes = new Uint8Array(good);
        for (const { at, remove, insert } of edits) {
          const cut = Math.min(at, bytes.length);
          bytes = Uint8Array.from([...bytes.subarray(0, cut), ...insert, ...bytes.subarray(cut + remove)]);
        }
        const check = await checkBundleFile(eng, new Blob([bytes]), sha256);
        if (!check.ok) expect(bundleFileProblemText(check.problem, 'de', eng.rulebook)).toMatch(/\S/);
        else expect(['intact', 'broken', 'invalid']).toContain(check.verdict.status);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
