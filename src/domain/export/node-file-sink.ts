/**
 * A ZIP sink that writes to a file in Node (CLI, tests, bench). Each write waits until the
 * operating system has taken the bytes, so the writer never runs ahead of the disk; an aborted
 * export removes its half-written file.
 */
import { open, rm } from 'node:fs/promises';
import type { ZipSink } from './zip-writer.ts';

export async function nodeFileSink(path: string): Promise<ZipSink> {
  const handle = await open(path, 'w');
  return {
    async write(chunk) {
      let offset = 0;
      while (offset < chunk.length) offset += (await handle.write(chunk, offset)).bytesWritten;
    },
    async close() {
      await handle.close();
    },
    async abort() {
      await handle.close().catch(() => {});
      await rm(path, { force: true });
    },
  };
}
