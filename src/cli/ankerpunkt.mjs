#!/usr/bin/env node
// Entry point for `npx ankerpunkt`: Node 20 cannot run TypeScript itself, so the sources are
// loaded through tsx (a runtime dependency), with no build step after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('./main.ts');
const io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  write: (text) => process.stdout.write(text),
};
try {
  process.exitCode = await run(process.argv.slice(2), io);
} catch (error) {
  // Never a stack trace for the user; the message says what went wrong.
  io.err(`Interner Fehler / internal error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 3;
}
