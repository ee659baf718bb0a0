/**
 * Reading a ZIP file someone else made, without trusting it. The central directory is read from
 * the end of the file and every entry is checked before a single byte is inflated: how many
 * entries, how large they claim to be in total, how strongly each is compressed (a zip bomb
 * expands a few kilobytes into gigabytes), whether names try to leave the folder (`../x`,
 * `/etc/x`, `C:\x`). An entry is then read on its own from a slice of the file, so a 200 MB
 * archive is never held in memory at once, inflated into a buffer of exactly the size it
 * declared, and its CRC-32 checked.
 *
 * Strict, so that no two readers can see different archives in the same bytes: every byte of the
 * file belongs to exactly one local entry, the central directory or its end record (nothing
 * before, between or after them, no overlaps); each local header says what the central directory
 * says (name bytes, method, sizes, CRC-32, encryption and UTF-8 flags); a name that is not ASCII
 * must be flagged as UTF-8; and ZIP64, encryption, multi-part archives and a second name in an
 * extra field are refused. Ankerpunkt never writes any of those. docs/audit-bundle.md states the
 * same rules for other readers.
 */
import { inflateSync } from 'fflate';
import { crc32 } from './crc32.ts';
import {
  type CentralRecord,
  centralRecord,
  descriptor,
  ENCRYPTION_FLAGS,
  END_SIZE,
  EXTRA_UNICODE_PATH,
  EXTRA_ZIP64,
  extraFieldIds,
  FLAG_DESCRIPTOR,
  FLAG_UTF8,
  type HeaderFields,
  LOCAL_SIGNATURE,
  LOCAL_SIZE,
  lastEndRecord,
  localHeader,
  localHeaderLength,
  MAX_COMMENT,
  u32,
  ZIP64_LOCATOR_SIGNATURE,
  ZIP64_LOCATOR_SIZE,
  ZIP64_MARK_16,
  ZIP64_MARK_32,
} from './zip-records.ts';

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
  /** CRC-32 of the uncompressed bytes, as the central directory records it. */
  crc32: number;
  localOffset: number;
  /** Where the entry's compressed bytes begin, after its local header. */
  dataOffset: number;
}

/** A local header field that differs from the central directory's. */
export type LocalField = 'name' | 'method' | 'flags' | 'crc32' | 'compressedSize' | 'size' | 'descriptor';

/** Bytes that belong to no entry, to the central directory or to its end record, and where they stand. */
export type StrayBytes =
  | { bytes: number; where: 'beforeEntry'; entry: string }
  | { bytes: number; where: 'beforeDirectory' | 'beforeEndRecord' | 'afterEndRecord' };

export type ZipProblem =
  | { code: 'zipFileTooLarge'; bytes: number; limit: number }
  /** `detail` is technical English for logs; `stray`, where given, says the same for the user. */
  | { code: 'zipCorrupt'; detail: string; stray?: StrayBytes }
  | { code: 'zipTooManyEntries'; count: number; limit: number }
  | { code: 'zipTotalTooLarge'; bytes: number; limit: number }
  | { code: 'zipBomb'; name: string; ratio: number; limit: number }
  | { code: 'zipUnsafeName'; name: string }
  | { code: 'zipDuplicateName'; name: string }
  /** A name with bytes above 0x7f: without the UTF-8 flag (`flagged` false), or flagged but not UTF-8. */
  | { code: 'zipNameEncoding'; name: string; flagged: boolean }
  | { code: 'zipEncrypted'; name: string }
  | { code: 'zipUnsupported'; name: string; detail: string }
  /** `localName` when the names differ: the one the local header gives, printable. */
  | { code: 'zipLocalMismatch'; name: string; field: LocalField; localName?: string }
  | { code: 'zipCrcMismatch'; name: string };

export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;

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
 * segment, no drive letter; and one that prints as what it is: no control characters (C0, DEL,
 * C1) and no bidirectional overrides, which could make `exe.txt` look like `txt.exe` in a list.
 */
export function isSafeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 1000) return false;
  if (name.startsWith('/') || name.includes('\\')) return false;
  if (/^[A-Za-z]:/.test(name)) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(name)) return false;
  return !name.split('/').some((segment) => segment === '..' || segment === '.');
}

async function bytesOf(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

/** Name bytes as text anyone can read: printable ASCII as it is, every other byte as \xNN. */
export function printableName(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
}

const ascii = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The entry's name. Without the UTF-8 flag, ZIP says a name is in code page 437, and readers
 * differ on that; so only ASCII names may go without it, and a flagged name must be valid UTF-8.
 */
function decodeName(bytes: Uint8Array, flags: number): { name: string } | { problem: ZipProblem } {
  if (bytes.every((b) => b < 0x80)) return { name: ascii.decode(bytes) };
  const flagged = (flags & FLAG_UTF8) !== 0;
  if (flagged) {
    try {
      return { name: utf8.decode(bytes) };
    } catch {
      // falls through to the refusal
    }
  }
  return { problem: { code: 'zipNameEncoding', name: printableName(bytes), flagged } };
}

export class ZipReadError extends Error {
  override name = 'ZipReadError';
  constructor(readonly problem: ZipProblem) {
    super(
      problem.code === 'zipCorrupt'
        ? problem.detail
        : problem.code === 'zipCrcMismatch'
          ? `${problem.name}: CRC-32 does not match`
          : problem.code,
    );
  }
}

/** An opened archive whose directory passed every check; entries are read one at a time. */
export class ZipArchive {
  private readonly byName: Map<string, ZipEntry>;

  constructor(
    private readonly blob: Blob,
    /** In the order they stand in the file. */
    readonly entries: readonly ZipEntry[],
  ) {
    this.byName = new Map(entries.map((e) => [e.name, e]));
  }

  get(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /** The entry's bytes, exactly `entry.size` of them; a ZipReadError if the entry is damaged. */
  async read(entry: ZipEntry): Promise<Uint8Array> {
    const data = await bytesOf(this.blob, entry.dataOffset, entry.dataOffset + entry.compressedSize);
    if (data.length !== entry.compressedSize) throw new ZipReadError({ code: 'zipCorrupt', detail: `${entry.name}: cut short` });
    const out = entry.method === 0 ? data : inflateExactly(entry, data);
    if (crc32(out) !== entry.crc32) throw new ZipReadError({ code: 'zipCrcMismatch', name: entry.name });
    return out;
  }
}

function inflateExactly(entry: ZipEntry, data: Uint8Array): Uint8Array {
  let out: Uint8Array;
  try {
    out = inflateSync(data, { out: new Uint8Array(entry.size) });
  } catch (error) {
    throw new ZipReadError({ code: 'zipCorrupt', detail: `${entry.name}: ${(error as Error).message}` });
  }
  if (out.length !== entry.size) {
    throw new ZipReadError({ code: 'zipCorrupt', detail: `${entry.name}: ${out.length} bytes instead of ${entry.size}` });
  }
  return out;
}

/**
 * Small ranges of a Blob through one cached window: the local headers and data descriptors of
 * many small entries cost one read of the file, not one each.
 */
class WindowedReader {
  private start = 0;
  private bytes: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly blob: Blob,
    private readonly window = 64 * 1024,
  ) {}

  async range(start: number, end: number): Promise<Uint8Array> {
    if (start < this.start || end > this.start + this.bytes.length) {
      this.start = start;
      this.bytes = await bytesOf(this.blob, start, Math.max(end, start + this.window));
    }
    return this.bytes.subarray(start - this.start, end - this.start);
  }
}

type Opened = { ok: true; zip: ZipArchive } | { ok: false; problem: ZipProblem };
type Checked<T> = T | { problem: ZipProblem };
const isProblem = <T>(value: Checked<T>): value is { problem: ZipProblem } =>
  typeof value === 'object' && value !== null && 'problem' in value;

const corrupt = (detail: string, stray?: StrayBytes): { problem: ZipProblem } => ({
  problem: stray ? { code: 'zipCorrupt', detail, stray } : { code: 'zipCorrupt', detail },
});
const zip64 = (name: string): { problem: ZipProblem } => ({ problem: { code: 'zipUnsupported', name, detail: 'Zip64' } });

interface Directory {
  offset: number;
  size: number;
  count: number;
}

/** Finds the end record and checks that it ends the file and describes one classic, single-part archive. */
async function readEndRecord(blob: Blob, limits: ZipLimits): Promise<Checked<Directory>> {
  const tailStart = Math.max(0, blob.size - END_SIZE - MAX_COMMENT);
  const tail = await bytesOf(blob, tailStart, blob.size);
  const end = lastEndRecord(tail);
  if (!end) return corrupt('no end of central directory record');
  const after = tail.length - (end.at + END_SIZE + end.commentLength);
  if (after < 0) return corrupt('end of central directory record cut short');
  if (after > 0) {
    return corrupt(`${after} bytes after the end of central directory record and its comment`, { bytes: after, where: 'afterEndRecord' });
  }
  if (end.at >= ZIP64_LOCATOR_SIZE && u32(tail, end.at - ZIP64_LOCATOR_SIZE) === ZIP64_LOCATOR_SIGNATURE) return zip64('');
  if (end.entries === ZIP64_MARK_16 || end.directoryOffset === ZIP64_MARK_32 || end.directorySize === ZIP64_MARK_32) return zip64('');
  if (end.disk !== 0 || end.directoryDisk !== 0 || end.entriesOnDisk !== end.entries) {
    return { problem: { code: 'zipUnsupported', name: '', detail: 'multi-part archive' } };
  }
  if (end.entries > limits.maxEntries) return { problem: { code: 'zipTooManyEntries', count: end.entries, limit: limits.maxEntries } };
  const endOffset = tailStart + end.at;
  const directoryEnd = end.directoryOffset + end.directorySize;
  if (directoryEnd > endOffset) return corrupt('central directory outside the file');
  if (directoryEnd < endOffset) {
    const bytes = endOffset - directoryEnd;
    return corrupt(`${bytes} bytes between the central directory and its end record`, { bytes, where: 'beforeEndRecord' });
  }
  return { offset: end.directoryOffset, size: end.directorySize, count: end.entries };
}

/** A central directory record with what the local header is checked against. */
interface DirectoryRecord extends ZipEntry {
  flags: number;
  nameBytes: Uint8Array;
}

/** What one central directory record says, checked on its own (limits across entries come after). */
function checkCentral(record: CentralRecord): Checked<DirectoryRecord> {
  const decoded = decodeName(record.nameBytes, record.flags);
  if ('problem' in decoded) return decoded;
  const { name } = decoded;
  if (!isSafeEntryName(name)) return { problem: { code: 'zipUnsafeName', name } };
  if (record.flags & ENCRYPTION_FLAGS) return { problem: { code: 'zipEncrypted', name } };
  const sizes = [record.compressedSize, record.size, record.localOffset];
  if (sizes.includes(ZIP64_MARK_32)) return zip64(name);
  const extra = checkExtra(record.extra, name);
  if (extra) return extra;
  const { method, compressedSize, size } = record;
  if (method !== 0 && method !== 8) return { problem: { code: 'zipUnsupported', name, detail: `compression method ${method}` } };
  if (method === 0 && compressedSize !== size) return corrupt(`${name}: stored entry with two sizes`);
  return {
    name,
    method,
    compressedSize,
    size,
    crc32: record.crc32,
    localOffset: record.localOffset,
    dataOffset: -1,
    flags: record.flags,
    nameBytes: record.nameBytes,
  };
}

/** An extra field must be well formed and must not carry ZIP64 sizes or a second name for the entry. */
function checkExtra(extra: Uint8Array, name: string): { problem: ZipProblem } | null {
  const ids = extraFieldIds(extra);
  if (!ids) return corrupt(`${name}: malformed extra field`);
  if (ids.includes(EXTRA_ZIP64)) return zip64(name);
  if (ids.includes(EXTRA_UNICODE_PATH)) return { problem: { code: 'zipUnsupported', name, detail: 'Unicode path extra field (0x7075)' } };
  return null;
}

/** Reads the central directory: every record checked, the limits across all of them applied. */
async function readDirectory(blob: Blob, directory: Directory, limits: ZipLimits): Promise<Checked<DirectoryRecord[]>> {
  const dir = await bytesOf(blob, directory.offset, directory.offset + directory.size);
  const records: DirectoryRecord[] = [];
  const seen = new Set<string>();
  let total = 0;
  let at = 0;
  for (let i = 0; i < directory.count; i++) {
    const record = centralRecord(dir, at);
    if (!record) return corrupt(`directory entry ${i + 1}`);
    at = record.next;
    const checked = checkCentral(record);
    if (isProblem(checked)) return checked;
    const { name, size, compressedSize } = checked;
    if (seen.has(name)) return { problem: { code: 'zipDuplicateName', name } };
    seen.add(name);
    if (size > limits.ratioAbove && size / Math.max(compressedSize, 1) > limits.maxRatio) {
      return { problem: { code: 'zipBomb', name, ratio: Math.round(size / Math.max(compressedSize, 1)), limit: limits.maxRatio } };
    }
    total += size;
    if (total > limits.maxTotalBytes) return { problem: { code: 'zipTotalTooLarge', bytes: total, limit: limits.maxTotalBytes } };
    records.push(checked);
  }
  // A directory larger than its records could hide records one reader counts and another does not.
  if (at !== dir.length) return corrupt(`central directory holds ${dir.length - at} bytes more than its ${directory.count} entries`);
  return records;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** The first field in which a local header disagrees with its central directory record, or null. */
function localDisagreement(local: HeaderFields, record: DirectoryRecord): LocalField | null {
  if (!sameBytes(local.nameBytes, record.nameBytes)) return 'name';
  if (local.method !== record.method) return 'method';
  const flagsThatMatter = ENCRYPTION_FLAGS | FLAG_UTF8;
  if ((local.flags & flagsThatMatter) !== (record.flags & flagsThatMatter)) return 'flags';
  // With a data descriptor, the local header may leave CRC and sizes at zero (they follow the data).
  const deferred = (local.flags & FLAG_DESCRIPTOR) !== 0;
  const agrees = (localValue: number, central: number) => localValue === central || (deferred && localValue === 0);
  if (!agrees(local.crc32, record.crc32)) return 'crc32';
  if (!agrees(local.compressedSize, record.compressedSize)) return 'compressedSize';
  if (!agrees(local.size, record.size)) return 'size';
  return null;
}

/**
 * Checks the local header of `record` (at its offset) against the central directory, and
 * returns where the entry's data begins and where the entry ends, data descriptor included.
 */
async function checkLocal(reader: WindowedReader, record: DirectoryRecord): Promise<Checked<{ dataOffset: number; end: number }>> {
  const { name, localOffset } = record;
  const fixed = await reader.range(localOffset, localOffset + LOCAL_SIZE);
  if (fixed.length < LOCAL_SIZE || u32(fixed, 0) !== LOCAL_SIGNATURE) return corrupt(`${name}: no local header`);
  const headerLength = localHeaderLength(fixed);
  const bytes = await reader.range(localOffset, localOffset + headerLength);
  if (bytes.length < headerLength) return corrupt(`${name}: local header cut short`);
  const local = localHeader(bytes);
  const field = localDisagreement(local, record);
  if (field === 'name') return { problem: { code: 'zipLocalMismatch', name, field, localName: printableName(local.nameBytes) } };
  if (field) return { problem: { code: 'zipLocalMismatch', name, field } };
  const extra = checkExtra(local.extra, name);
  if (extra) return extra;
  const dataOffset = localOffset + headerLength;
  const dataEnd = dataOffset + record.compressedSize;
  if (!(local.flags & FLAG_DESCRIPTOR)) return { dataOffset, end: dataEnd };
  const found = descriptor(await reader.range(dataEnd, dataEnd + 16));
  if (!found) return corrupt(`${name}: data descriptor cut short`);
  if (found.crc32 !== record.crc32 || found.compressedSize !== record.compressedSize || found.size !== record.size) {
    return { problem: { code: 'zipLocalMismatch', name, field: 'descriptor' } };
  }
  return { dataOffset, end: dataEnd + found.length };
}

/**
 * Walks the entries in file order from offset 0: each local header must agree with its central
 * record, and each entry must begin exactly where the one before it ended, the directory exactly
 * where the last one ends. So there are no overlapping entries (the overlap bomb) and no bytes
 * that a reader walking the local headers would see and one reading the directory would not.
 */
async function checkLayout(blob: Blob, records: DirectoryRecord[], directoryOffset: number): Promise<Checked<ZipEntry[]>> {
  const reader = new WindowedReader(blob);
  const inFileOrder = [...records].sort((a, b) => a.localOffset - b.localOffset);
  const entries: ZipEntry[] = [];
  let expected = 0;
  let previous: string | null = null;
  for (const record of inFileOrder) {
    if (record.localOffset < expected) return corrupt(`${previous}: overlaps the next entry`);
    if (record.localOffset > expected) {
      const bytes = record.localOffset - expected;
      return corrupt(`${bytes} bytes before ${record.name} belong to no entry`, { bytes, where: 'beforeEntry', entry: record.name });
    }
    const placed = await checkLocal(reader, record);
    if (isProblem(placed)) return placed;
    const { flags: _flags, nameBytes: _nameBytes, ...entry } = record;
    entries.push({ ...entry, dataOffset: placed.dataOffset });
    expected = placed.end;
    previous = record.name;
  }
  if (expected > directoryOffset) return corrupt(`${previous}: overlaps the central directory`);
  if (expected < directoryOffset) {
    const bytes = directoryOffset - expected;
    return corrupt(`${bytes} bytes before the central directory belong to no entry`, { bytes, where: 'beforeDirectory' });
  }
  return entries;
}

/** Reads and checks the directory and every local header of `blob`. Nothing is inflated here. */
export async function openZip(blob: Blob, limits: ZipLimits): Promise<Opened> {
  const fail = (problem: ZipProblem): Opened => ({ ok: false, problem });
  if (blob.size > limits.maxFileBytes) return fail({ code: 'zipFileTooLarge', bytes: blob.size, limit: limits.maxFileBytes });
  if (blob.size < END_SIZE) return fail({ code: 'zipCorrupt', detail: 'too short for a ZIP file' });
  const directory = await readEndRecord(blob, limits);
  if (isProblem(directory)) return fail(directory.problem);
  const records = await readDirectory(blob, directory, limits);
  if (isProblem(records)) return fail(records.problem);
  const entries = await checkLayout(blob, records, directory.offset);
  if (isProblem(entries)) return fail(entries.problem);
  return { ok: true, zip: new ZipArchive(blob, entries) };
}
