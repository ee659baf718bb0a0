/**
 * Reading a ZIP file someone else made, without trusting it. The central directory is read from
 * the end of the file and every entry is checked before a single byte is inflated: how many
 * entries, how large they claim to be in total, how strongly each is compressed (a zip bomb
 * expands a few kilobytes into gigabytes), whether names try to leave the folder (`../x`,
 * `/etc/x`, `C:\x`), whether ranges overlap (the overlapping-entry bomb). An entry is then read
 * on its own from a slice of the file, so a 200 MB archive is never held in memory at once, and
 * it is inflated into a buffer of exactly the size it declared: an entry that lies about its
 * size cannot grow beyond it, and its digest will not match.
 *
 * Zip64 and encrypted entries are refused: Ankerpunkt never writes them, and the limits below
 * stay under 4 GB.
 */
import { inflateSync } from 'fflate';

export interface ZipLimits {
  /** The file itself, before anything is read. */
  maxFileBytes: number;
  maxEntries: number;
  /** The sum of all entries' uncompressed sizes. */
  maxTotalBytes: number;
  /** Uncompressed size / compressed size, checked for entries above `ratioAbove` bytes. */
  maxRatio: number;
  ratioAbove: number;
}

const MB = 1024 * 1024;
const GB = 1024 * MB;

export const BUNDLE_ZIP_LIMITS: ZipLimits = { maxFileBytes: GB, maxEntries: 10_000, maxTotalBytes: GB, maxRatio: 100, ratioAbove: MB };
export const BACKUP_ZIP_LIMITS: ZipLimits = { ...BUNDLE_ZIP_LIMITS, maxFileBytes: 2 * GB, maxTotalBytes: 2 * GB };

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export type ZipProblem =
  | { code: 'zipFileTooLarge'; bytes: number; limit: number }
  | { code: 'zipCorrupt'; detail: string }
  | { code: 'zipTooManyEntries'; count: number; limit: number }
  | { code: 'zipTotalTooLarge'; bytes: number; limit: number }
  | { code: 'zipBomb'; name: string; ratio: number; limit: number }
  | { code: 'zipUnsafeName'; name: string }
  | { code: 'zipDuplicateName'; name: string }
  | { code: 'zipEncrypted'; name: string }
  | { code: 'zipUnsupported'; name: string; detail: string };

export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;

/** Whether bytes begin like a ZIP file (a local file header, or the end record of an empty one). */
export function looksLikeZip(head: Uint8Array): boolean {
  return (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    (head[2] === 0x03 || head[2] === 0x05) &&
    (head[3] === 0x04 || head[3] === 0x06)
  );
}

/**
 * A name that stays inside the archive's folder: relative, forward slashes only, no `..`
 * segment, no drive letter, no control characters.
 */
export function isSafeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 1000) return false;
  if (name.startsWith('/') || name.includes('\\')) return false;
  if (/^[A-Za-z]:/.test(name)) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return false;
  return !name.split('/').some((segment) => segment === '..' || segment === '.');
}

async function bytesOf(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;

export class ZipReadError extends Error {
  override name = 'ZipReadError';
}

/** An opened archive whose directory passed every limit; entries are read one at a time. */
export class ZipArchive {
  private readonly byName: Map<string, ZipEntry>;

  constructor(
    private readonly blob: Blob,
    readonly entries: readonly ZipEntry[],
  ) {
    this.byName = new Map(entries.map((e) => [e.name, e]));
  }

  get(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /** The entry's bytes, exactly `entry.size` of them; a ZipReadError if the entry is damaged. */
  async read(entry: ZipEntry): Promise<Uint8Array> {
    const header = await bytesOf(this.blob, entry.localOffset, entry.localOffset + LOCAL_SIZE);
    if (header.length < LOCAL_SIZE || u32(header, 0) !== LOCAL_SIGNATURE) throw new ZipReadError(`${entry.name}: no local header`);
    const start = entry.localOffset + LOCAL_SIZE + u16(header, 26) + u16(header, 28);
    const data = await bytesOf(this.blob, start, start + entry.compressedSize);
    if (data.length !== entry.compressedSize) throw new ZipReadError(`${entry.name}: cut short`);
    if (entry.method === 0) return data;
    let out: Uint8Array;
    try {
      out = inflateSync(data, { out: new Uint8Array(entry.size) });
    } catch (error) {
      throw new ZipReadError(`${entry.name}: ${(error as Error).message}`);
    }
    if (out.length !== entry.size) throw new ZipReadError(`${entry.name}: ${out.length} bytes instead of ${entry.size}`);
    return out;
  }
}

type Opened = { ok: true; zip: ZipArchive } | { ok: false; problem: ZipProblem };

/** Reads and checks the directory of `blob`. Nothing is inflated here. */
export async function openZip(blob: Blob, limits: ZipLimits): Promise<Opened> {
  const fail = (problem: ZipProblem): Opened => ({ ok: false, problem });
  if (blob.size > limits.maxFileBytes) return fail({ code: 'zipFileTooLarge', bytes: blob.size, limit: limits.maxFileBytes });
  if (blob.size < EOCD_SIZE) return fail({ code: 'zipCorrupt', detail: 'too short for a ZIP file' });

  const tailStart = Math.max(0, blob.size - EOCD_SIZE - MAX_COMMENT);
  const tail = await bytesOf(blob, tailStart, blob.size);
  let eocd = -1;
  for (let at = tail.length - EOCD_SIZE; at >= 0; at--) {
    if (u32(tail, at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return fail({ code: 'zipCorrupt', detail: 'no end of central directory' });
  if (eocd >= 20 && u32(tail, eocd - 20) === ZIP64_LOCATOR_SIGNATURE) return fail({ code: 'zipUnsupported', name: '', detail: 'Zip64' });
  const count = u16(tail, eocd + 10);
  const directorySize = u32(tail, eocd + 12);
  const directoryOffset = u32(tail, eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) return fail({ code: 'zipUnsupported', name: '', detail: 'Zip64' });
  if (count > limits.maxEntries) return fail({ code: 'zipTooManyEntries', count, limit: limits.maxEntries });
  if (directoryOffset + directorySize > tailStart + eocd) return fail({ code: 'zipCorrupt', detail: 'central directory outside the file' });

  const dir = await bytesOf(blob, directoryOffset, directoryOffset + directorySize);
  const names = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > dir.length || u32(dir, at) !== CENTRAL_SIGNATURE)
      return fail({ code: 'zipCorrupt', detail: `directory entry ${i + 1}` });
    const flags = u16(dir, at + 8);
    const method = u16(dir, at + 10);
    const compressedSize = u32(dir, at + 20);
    const size = u32(dir, at + 24);
    const nameLength = u16(dir, at + 28);
    const next = at + CENTRAL_SIZE + nameLength + u16(dir, at + 30) + u16(dir, at + 32);
    const localOffset = u32(dir, at + 42);
    if (next > dir.length) return fail({ code: 'zipCorrupt', detail: `directory entry ${i + 1}` });
    const name = names.decode(dir.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength));
    at = next;

    if (!isSafeEntryName(name)) return fail({ code: 'zipUnsafeName', name });
    if (seen.has(name)) return fail({ code: 'zipDuplicateName', name });
    seen.add(name);
    if (flags & 0x1) return fail({ code: 'zipEncrypted', name });
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      return fail({ code: 'zipUnsupported', name, detail: 'Zip64' });
    }
    if (method !== 0 && method !== 8) return fail({ code: 'zipUnsupported', name, detail: `compression method ${method}` });
    if (method === 0 && compressedSize !== size) return fail({ code: 'zipCorrupt', detail: `${name}: stored entry with two sizes` });
    if (size > limits.ratioAbove && size / Math.max(compressedSize, 1) > limits.maxRatio) {
      return fail({ code: 'zipBomb', name, ratio: Math.round(size / Math.max(compressedSize, 1)), limit: limits.maxRatio });
    }
    total += size;
    if (total > limits.maxTotalBytes) return fail({ code: 'zipTotalTooLarge', bytes: total, limit: limits.maxTotalBytes });
    entries.push({ name, method, compressedSize, size, localOffset });
  }

  // Entries must not share bytes: overlapping entries are how a small file claims many large ones.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 0; i < byOffset.length; i++) {
    const entry = byOffset[i] as ZipEntry;
    const end = entry.localOffset + LOCAL_SIZE + entry.compressedSize;
    const limit = byOffset[i + 1]?.localOffset ?? directoryOffset;
    if (end > limit) return fail({ code: 'zipCorrupt', detail: `${entry.name}: overlaps the next entry` });
  }
  return { ok: true, zip: new ZipArchive(blob, entries) };
}
