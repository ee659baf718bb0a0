/** The text of docs/process-machine.md, shared by `npm run diagram` and the test that checks it. */
import { toMermaid } from '../machines/diagram.ts';
import { measureMachine } from '../machines/measure/measure.machine.ts';
import { createProcessMachine, PROCESS_MACHINE_VERSION } from '../machines/process/process.machine.ts';
import { defaultRulebook } from '../standards/rulebook.ts';

export function processMachineDoc(): string {
  const process = createProcessMachine(defaultRulebook);
  return `# The process as a state machine

Generated from \`machines/\` by \`npm run diagram\`; a test fails when this file is out of date.
Process machine version ${PROCESS_MACHINE_VERSION}, template ${defaultRulebook.template.version}.

Every arrow is guarded by a rule in \`machines/process/process.rules.ts\` that reads the template
(\`standards/process-template.json\`); the notes list the facts a state records without changing
stage. A paused process resumes in the stage where it stood (history).

## DIKÖ process

\`\`\`mermaid
${toMermaid(process)}
\`\`\`

## Life cycle of a measure

\`\`\`mermaid
${toMermaid(measureMachine)}
\`\`\`
`;
}
