import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashBlob, MAX_EVIDENCE_BYTES } from '../../src/domain/crypto/hash-file.ts';

const nodeSha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Deterministic bytes that differ in every slice, so a skipped or repeated slice changes the digest. */
function bytesOf(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = 0x12345678;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const blobOf = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);

describe('hashing an evidence file', () => {
  it('gives the digest of the empty file', async () => {
    expect(await hashBlob(new Blob([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('gives the same digest as node:crypto for a small file', async () => {
    const bytes = new TextEncoder().encode('Protokoll der Steuerungsgruppe, Sitzung vom 12. März');
    expect(await hashBlob(blobOf(bytes))).toBe(nodeSha256(bytes));
  });

  it('gives the same digest as node:crypto for a file of several 4 MB slices', async () => {
    const bytes = bytesOf(9 * 1024 * 1024 + 17);
    expect(await hashBlob(blobOf(bytes))).toBe(nodeSha256(bytes));
  });

  it('gives the same digest for a file of exactly one slice', async () => {
    const bytes = bytesOf(4 * 1024 * 1024);
    expect(await hashBlob(blobOf(bytes))).toBe(nodeSha256(bytes));
  });

  it('reports progress that only grows and ends at the total', async () => {
    const bytes = bytesOf(10 * 1024 * 1024);
    const seen: [number, number][] = [];
    await hashBlob(blobOf(bytes), (done, total) => seen.push([done, total]));
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.every(([, total]) => total === bytes.length)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]?.[0]).toBeGreaterThan(seen[i - 1]?.[0] ?? Number.POSITIVE_INFINITY);
    expect(seen[0]).toEqual([0, bytes.length]);
    expect(seen.at(-1)).toEqual([bytes.length, bytes.length]);
  });

  it('reports completion for the empty file too', async () => {
    const seen: [number, number][] = [];
    await hashBlob(new Blob([]), (done, total) => seen.push([done, total]));
    expect(seen.at(-1)).toEqual([0, 0]);
  });

  it('stops when aborted between slices', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const hashing = hashBlob(
      blobOf(bytesOf(12 * 1024 * 1024)),
      (done) => {
        seen.push(done);
        if (done > 0) controller.abort();
      },
      controller.signal,
    );
    await expect(hashing).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([0, 4 * 1024 * 1024]);
  });

  it('refuses to start when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(hashBlob(blobOf(bytesOf(10)), undefined, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('allows 50 MB per file', () => {
    expect(MAX_EVIDENCE_BYTES).toBe(52_428_800);
  });
});
