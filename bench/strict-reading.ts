/**
 * `npx tsx bench/strict-reading.ts`: what reading a handed-over file costs, through the CLI as an
 * auditor runs it, each beside `JSON.parse` of the same bytes in a bare Node process.
 *
 *   non-bundle 250 MB   the head of a bundle plus one member holding an array of ~125 million
 *                       zeros (under the 256 MiB limit): must be refused, quickly, in bounded memory
 *   bundle 100 MB       a real signed bundle of ~100,000 events: verified in full
 *
 * Time is wall-clock and memory the peak resident set size of the process (GNU time, %e and %M),
 * so both include Node's start and, for the CLI, loading the sources through tsx.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle, serializeBundle } from '../src/domain/bundle.ts';
import { nodeSha256Hex as sha256 } from '../src/domain/crypto/node-sha256.ts';
import { engine } from '../src/domain/process-engine.ts';
import { replay } from '../src/domain/replay.ts';
import { syntheticLog } from './synthetic-log.ts';

const MB = 1024 * 1024;
const cli = new URL('../src/cli/ankerpunkt.mjs', import.meta.url).pathname;

function measured(args: string[]): { seconds: number; peakMb: number; code: number | null; said: string } {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', ...args], { encoding: 'utf8', maxBuffer: 64 * MB });
  const lines = run.stderr.trim().split('\n');
  const [seconds, kb] = (lines.pop() ?? '0 0').split(' ').map(Number);
  return { seconds: seconds ?? 0, peakMb: Math.round((kb ?? 0) / 1024), code: run.status, said: `${run.stdout}${lines.join('\n')}`.trim() };
}

function compare(name: string, file: string, bytes: number): void {
  const ours = measured([process.execPath, cli, 'verify', file]);
  const bare = measured([process.execPath, '-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]);
  const mb = bytes / MB;
  console.log(
    `${name.padEnd(20)} verify ${ours.seconds.toFixed(1).padStart(5)} s, peak ${String(ours.peakMb).padStart(5)} MB (${(ours.peakMb / mb).toFixed(1)}x the file), exit ${ours.code}` +
      `   JSON.parse ${bare.seconds.toFixed(1).padStart(5)} s, peak ${String(bare.peakMb).padStart(5)} MB (${(bare.peakMb / mb).toFixed(1)}x)` +
      `   time x${(ours.seconds / bare.seconds).toFixed(1)}`,
  );
  console.log(`${''.padEnd(20)} ${ours.said.split('\n')[0]?.slice(0, 160)}`);
}

// ---------------------------------------------------------------- a 250 MB file that is no bundle
{
  const file = join(tmpdir(), 'ankerpunkt-bench-zeros.json');
  const fd = openSync(file, 'w');
  const head = '{"format":"ankerpunkt.audit-bundle","formatVersion":2,"padding":[0';
  writeSync(fd, head);
  const chunk = Buffer.from(',0'.repeat(MB / 2));
  let size = head.length;
  while (size + chunk.length < 250 * MB) {
    writeSync(fd, chunk);
    size += chunk.length;
  }
  writeSync(fd, ']}');
  closeSync(fd);
  compare('non-bundle 250 MB', file, size + 2);
}

// ---------------------------------------------------------------- a real bundle of about 100 MB
{
  const eng = engine();
  const { events, people } = await syntheticLog(100_000, sha256);
  const bundle = await buildBundle({
    engine: eng,
    events,
    snapshot: replay(eng, events),
    exporter: { personId: people.ikbo.personId, key: people.ikbo.key },
    exportedAt: new Date().toISOString(),
  });
  const text = serializeBundle(bundle);
  const file = join(tmpdir(), 'ankerpunkt-bench-100k.json');
  await writeFile(file, text);
  compare(`bundle ${Math.round(Buffer.byteLength(text) / MB)} MB`, file, Buffer.byteLength(text));
}
