import { createHash } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeBundle } from '../../src/domain/bundle.ts';
import { utf8 } from '../../src/domain/crypto/encoding.ts';
import { type EvidenceLookup, evidenceFileDigests, planAuditZip, writeAuditZip } from '../../src/domain/export/audit-zip.ts';
import { nodeFileSink } from '../../src/domain/export/node-file-sink.ts';
import { writeZip, type ZipSink, ZipSourceError, ZipTooLargeError } from '../../src/domain/export/zip-writer.ts';
import { readBundleFile } from '../../src/domain/import/bundle-file.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { verifyBundleBytes } from '../../src/domain/verify.ts';
import { demoBundle, demoProcess, sha256 } from '../support/demo.ts';

const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A sink that keeps everything: fine for the small demo archive. */
function memorySink(): ZipSink & { bytes: () => Uint8Array; closed: boolean; aborted: boolean } {
  const parts: Uint8Array[] = [];
  const sink = {
    closed: false,
    aborted: false,
    write: (chunk: Uint8Array) => {
      parts.push(chunk.slice());
    },
    close: () => {
      sink.closed = true;
    },
    abort: () => {
      sink.aborted = true;
    },
    bytes: () => Buffer.concat(parts),
  };
  return sink;
}

/** The demo's evidence files as the app's storage would hand them out, in 64 KB chunks. */
async function demoLookup(except: readonly string[] = []): Promise<EvidenceLookup> {
  const { writer } = await demoProcess();
  return async (digest) => {
    const file = writer.files.get(digest);
    if (!file || except.includes(digest)) return null;
    return {
      size: file.bytes.length,
      mediaType: file.mediaType,
      open: function* () {
        for (let i = 0; i < file.bytes.length; i += 65536) yield file.bytes.subarray(i, i + 65536);
      },
    };
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ankerpunkt-zip-'));
});

describe('the audit bundle with evidence as a ZIP', () => {
  it('holds bundle.json first, byte for byte the JSON export, then every evidence file under its digest, and LIESMICH.txt', async () => {
    const bundle = await demoBundle();
    const bundleBytes = utf8(serializeBundle(bundle));
    const plan = await planAuditZip({ bundle, bundleBytes, lookup: await demoLookup() });
    const sink = memorySink();
    const seen: number[] = [];
    const result = await writeZip(plan.entries, sink, { onProgress: (p) => seen.push(p.bytesDone / p.bytesTotal) });
    expect(sink.closed).toBe(true);
    const archive = sink.bytes();
    expect(result.bytesWritten).toBe(archive.length);
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);

    // The first local file header (offset 0) names bundle.json.
    const nameLength = archive[26] as number;
    expect(strFromU8(archive.subarray(30, 30 + nameLength))).toBe('bundle.json');

    const files = unzipSync(archive);
    const names = Object.keys(files);
    expect(names[0]).toBe('bundle.json');
    expect(names[names.length - 1]).toBe('LIESMICH.txt');
    expect(Buffer.from(files['bundle.json'] as Uint8Array).equals(Buffer.from(bundleBytes))).toBe(true);
    const evidence = names.filter((n) => n.startsWith('evidence/'));
    const digests = evidenceFileDigests(bundle);
    expect(digests.length).toBeGreaterThan(3);
    expect(evidence.sort()).toEqual(digests.map((d) => `evidence/${d}`).sort());
    for (const name of evidence) expect(hex(files[name] as Uint8Array)).toBe(name.slice('evidence/'.length));
    expect(plan.missing).toEqual([]);

    const readme = strFromU8(files['LIESMICH.txt'] as Uint8Array);
    expect(readme).toContain('npx ankerpunkt verify bundle.json');
    expect(readme).toContain(bundle.head.headHash);
    expect(readme).toContain('How to check it');

    const verdict = await verifyBundleBytes(engine(), files['bundle.json'] as Uint8Array, sha256);
    expect(verdict.status).toBe('intact');
  });

  it('leaves out evidence this device does not have, and names it in LIESMICH.txt', async () => {
    const bundle = await demoBundle();
    const [gone, ...kept] = evidenceFileDigests(bundle);
    if (!gone) throw new Error('the demo has evidence files');
    const plan = await planAuditZip({ bundle, bundleBytes: utf8(serializeBundle(bundle)), lookup: await demoLookup([gone]) });
    expect(plan.missing).toEqual([gone]);
    expect(plan.included).toEqual(kept);
    const sink = memorySink();
    await writeZip(plan.entries, sink);
    const files = unzipSync(sink.bytes());
    expect(files[`evidence/${gone}`]).toBeUndefined();
    expect(strFromU8(files['LIESMICH.txt'] as Uint8Array)).toContain(gone);
    // The evidence index still lists it.
    expect(JSON.parse(strFromU8(files['bundle.json'] as Uint8Array)).evidence.some((e: { sha256: string }) => e.sha256 === gone)).toBe(
      true,
    );
  });

  it('writeAuditZip, the export the app and the CLI share: erased content stays out, and the strict reader reads the result', async () => {
    const bundle = await demoBundle();
    const [erased, ...kept] = evidenceFileDigests(bundle);
    if (!erased) throw new Error('the demo has evidence files');
    const sink = memorySink();
    const planned: string[][] = [];
    const { plan } = await writeAuditZip({
      bundle,
      bundleBytes: utf8(serializeBundle(bundle)),
      lookup: await demoLookup(),
      erased: new Set([erased]),
      sink,
      onPlan: (p) => planned.push(p.missing),
    });
    expect(planned).toEqual([[erased]]);
    expect(plan.included).toEqual(kept);
    const file = await readBundleFile(new Blob([sink.bytes() as Uint8Array<ArrayBuffer>]));
    if (!file.ok || file.kind !== 'zip') throw new Error(file.ok ? 'not a ZIP' : file.problem.code);
    expect(file.zip.entries[0]?.name).toBe('bundle.json');
    expect([...file.evidence.keys()]).toEqual(kept);
    expect(file.ignored).toEqual([]);
    for (const [digest, entry] of file.evidence) expect(hex(await file.zip.read(entry))).toBe(digest);
  });

  it('a re-export carries byte-identical events: only the head’s time and signature differ', async () => {
    const first = serializeBundle(await demoBundle('2026-11-25T10:00:00.000Z'));
    const second = serializeBundle(await demoBundle('2026-11-26T08:30:00.000Z'));
    const strip = (text: string) => {
      const { head, ...rest } = JSON.parse(text);
      return { rest: JSON.stringify(rest, null, 2), head };
    };
    const a = strip(first);
    const b = strip(second);
    expect(a.rest).toBe(b.rest);
    expect(first.slice(0, first.indexOf('"head"'))).toBe(second.slice(0, second.indexOf('"head"')));
    const { exportedAt: _a, signature: _s, ...headA } = a.head;
    const { exportedAt: _b, signature: _t, ...headB } = b.head;
    expect(headA).toEqual(headB);
    expect(a.head.signature).not.toBe(b.head.signature);
  });
});

describe('streaming', () => {
  it('writes a 50 MB source to disk without holding it: the source is never more than a few MB ahead of the sink', async () => {
    const total = 50 * 1024 * 1024;
    const chunk = 256 * 1024;
    const digest = createHash('sha256');
    let produced = 0;
    let maxAhead = 0;
    const path = join(dir, 'big.zip');
    const fileSink = await nodeFileSink(path);
    let written = 0;
    const sink: ZipSink = {
      write: async (bytes) => {
        await fileSink.write(bytes);
        written += bytes.length;
      },
      close: () => fileSink.close(),
      abort: (reason) => fileSink.abort?.(reason),
    };
    const memory = { before: process.memoryUsage().arrayBuffers, peak: 0 };
    await writeZip(
      [
        {
          name: 'evidence/big',
          size: total,
          compress: false,
          open: async function* () {
            for (let i = 0; i < total; i += chunk) {
              const bytes = new Uint8Array(chunk);
              // Cheap, not compressible-looking content; a fresh buffer each time, as a file reader gives.
              for (let j = 0; j < chunk; j += 4096) bytes[j] = (i + j) & 0xff;
              digest.update(bytes);
              produced += bytes.length;
              maxAhead = Math.max(maxAhead, produced - written);
              yield bytes;
            }
          },
        },
      ],
      sink,
      { onProgress: () => (memory.peak = Math.max(memory.peak, process.memoryUsage().arrayBuffers)) },
    );
    expect(produced).toBe(total);
    expect(maxAhead).toBeLessThan(3 * 1024 * 1024);
    // Sampled, so only a loose bound: holding the whole source would add at least 50 MB.
    expect(memory.peak - memory.before).toBeLessThan(total);
    expect((await stat(path)).size).toBeGreaterThan(total);
    const files = unzipSync(new Uint8Array(await readFile(path)));
    expect(hex(files['evidence/big'] as Uint8Array)).toBe(digest.digest('hex'));
  });

  it('stops when cancelled and aborts the sink, leaving no file that looks complete', async () => {
    const controller = new AbortController();
    const path = join(dir, 'cancelled.zip');
    const sink = await nodeFileSink(path);
    const entries = Array.from({ length: 5 }, (_, i) => ({
      name: `evidence/${i}`,
      size: 1024 * 1024,
      compress: false,
      open: () => [new Uint8Array(1024 * 1024)],
    }));
    const run = writeZip(entries, sink, { signal: controller.signal, onProgress: (p) => p.entriesDone === 2 && controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('names the entry whose source failed, and aborts the sink', async () => {
    const sink = memorySink();
    const entries = [
      { name: 'bundle.json', size: 2, compress: true, open: () => [utf8('{}')] },
      {
        name: 'evidence/broken',
        size: 10,
        compress: false,
        open: async function* () {
          yield new Uint8Array(5);
          throw new Error('NotReadableError: the file could not be read');
        },
      },
    ];
    const error = await writeZip(entries, sink).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZipSourceError);
    expect((error as ZipSourceError).entry).toBe('evidence/broken');
    expect(sink.aborted).toBe(true);
    expect(sink.closed).toBe(false);
  });

  it('refuses up front an archive larger than classic ZIP allows', async () => {
    const sink = memorySink();
    const entries = [{ name: 'huge', size: 5 * 1024 ** 3, compress: false, open: () => [] }];
    await expect(writeZip(entries, sink)).rejects.toBeInstanceOf(ZipTooLargeError);
    expect(sink.closed).toBe(false);
  });
});
