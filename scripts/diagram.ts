/** Regenerates docs/process-machine.md from the machine definitions: `npm run diagram`. */
import { writeFile } from 'node:fs/promises';
import { processMachineDoc } from './diagram-doc.ts';

const path = new URL('../docs/process-machine.md', import.meta.url);
await writeFile(path, processMachineDoc());
console.log(`written: ${path.pathname}`);
