/**
 * Writes the corpus of good, bad and hostile bundle files to tests/fixtures/bundles/ from the demo
 * process: `npx tsx scripts/make-bundle-fixtures.ts`. What each file is and what it must give is
 * listed in tests/fixtures/bundles/build.ts. The oversize file (over 256 MB) is not written
 * here: the tests make it when they run.
 */
import { writeFile } from 'node:fs/promises';
import { makeCorpus } from '../tests/fixtures/bundles/build.ts';

const dir = new URL('../tests/fixtures/bundles/', import.meta.url);
const files = await makeCorpus();
for (const [name, bytes] of Object.entries(files)) {
  await writeFile(new URL(name, dir), bytes);
  console.log(`${name}\t${bytes.length} bytes`);
}
