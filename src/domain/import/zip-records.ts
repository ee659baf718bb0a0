/**
 * The byte layout of the classic ZIP records the reader looks at (PKWARE APPNOTE 6.3, sections
 * 4.3.7 to 4.3.16), parsed and nothing more: whether the values make sense is zip-reader.ts's
 * business. All numbers are little-endian.
 */

export const LOCAL_SIGNATURE = 0x04034b50;
export const DESCRIPTOR_SIGNATURE = 0x08074b50;
export const CENTRAL_SIGNATURE = 0x02014b50;
export const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
export const END_SIGNATURE = 0x06054b50;

export const LOCAL_SIZE = 30;
export const CENTRAL_SIZE = 46;
export const END_SIZE = 22;
export const ZIP64_LOCATOR_SIZE = 20;
export const MAX_COMMENT = 0xffff;

/** General purpose flag bits. */
export const FLAG_ENCRYPTED = 0x0001;
export const FLAG_DESCRIPTOR = 0x0008;
export const FLAG_STRONG_ENCRYPTION = 0x0040;
export const FLAG_UTF8 = 0x0800;
export const FLAG_MASKED_HEADERS = 0x2000;
export const ENCRYPTION_FLAGS = FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_HEADERS;

/** Extra field ids that change what an entry is: ZIP64 sizes, and a second (Unicode) name. */
export const EXTRA_ZIP64 = 0x0001;
export const EXTRA_UNICODE_PATH = 0x7075;

/** The marker a ZIP64 archive leaves in a classic field whose real value is elsewhere. */
export const ZIP64_MARK_16 = 0xffff;
export const ZIP64_MARK_32 = 0xffffffff;

export const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
export const u32 = (b: Uint8Array, at: number) => (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;

export interface EndRecord {
  /** Offset of the record within the bytes searched. */
  at: number;
  disk: number;
  directoryDisk: number;
  entriesOnDisk: number;
  entries: number;
  directorySize: number;
  directoryOffset: number;
  commentLength: number;
}

/**
 * The last end-of-central-directory signature in `tail`, or null. The last one, not the first
 * that would fit: the reader then requires it to end exactly at the end of the file, which rules
 * out a comment that hides another end record.
 */
export function lastEndRecord(tail: Uint8Array): EndRecord | null {
  for (let at = tail.length - END_SIZE; at >= 0; at--) {
    if (u32(tail, at) !== END_SIGNATURE) continue;
    return {
      at,
      disk: u16(tail, at + 4),
      directoryDisk: u16(tail, at + 6),
      entriesOnDisk: u16(tail, at + 8),
      entries: u16(tail, at + 10),
      directorySize: u32(tail, at + 12),
      directoryOffset: u32(tail, at + 16),
      commentLength: u16(tail, at + 20),
    };
  }
  return null;
}

/** The fields a central directory record and a local header have in common. */
export interface HeaderFields {
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  nameBytes: Uint8Array;
  extra: Uint8Array;
}

export interface CentralRecord extends HeaderFields {
  localOffset: number;
  /** Where the next record begins. */
  next: number;
}

/** The central directory record at `at`, or null if none begins there or it runs past the end. */
export function centralRecord(dir: Uint8Array, at: number): CentralRecord | null {
  if (at + CENTRAL_SIZE > dir.length || u32(dir, at) !== CENTRAL_SIGNATURE) return null;
  const nameEnd = at + CENTRAL_SIZE + u16(dir, at + 28);
  const extraEnd = nameEnd + u16(dir, at + 30);
  const next = extraEnd + u16(dir, at + 32);
  if (next > dir.length) return null;
  return {
    flags: u16(dir, at + 8),
    method: u16(dir, at + 10),
    crc32: u32(dir, at + 16),
    compressedSize: u32(dir, at + 20),
    size: u32(dir, at + 24),
    nameBytes: dir.subarray(at + CENTRAL_SIZE, nameEnd),
    extra: dir.subarray(nameEnd, extraEnd),
    localOffset: u32(dir, at + 42),
    next,
  };
}

/** How long the local header in `fixed` (its first 30 bytes) is with its name and extra field. */
export function localHeaderLength(fixed: Uint8Array): number {
  return LOCAL_SIZE + u16(fixed, 26) + u16(fixed, 28);
}

/** The local header in `bytes` (exactly `localHeaderLength` of them). */
export function localHeader(bytes: Uint8Array): HeaderFields {
  const nameEnd = LOCAL_SIZE + u16(bytes, 26);
  return {
    flags: u16(bytes, 6),
    method: u16(bytes, 8),
    crc32: u32(bytes, 14),
    compressedSize: u32(bytes, 18),
    size: u32(bytes, 22),
    nameBytes: bytes.subarray(LOCAL_SIZE, nameEnd),
    extra: bytes.subarray(nameEnd, nameEnd + u16(bytes, 28)),
  };
}

export interface Descriptor {
  crc32: number;
  compressedSize: number;
  size: number;
  /** 16 bytes with its optional signature, 12 without. */
  length: number;
}

/** The data descriptor at the start of `bytes`, or null if they are too few. */
export function descriptor(bytes: Uint8Array): Descriptor | null {
  const signed = bytes.length >= 16 && u32(bytes, 0) === DESCRIPTOR_SIGNATURE;
  const at = signed ? 4 : 0;
  if (bytes.length < at + 12) return null;
  return { crc32: u32(bytes, at), compressedSize: u32(bytes, at + 4), size: u32(bytes, at + 8), length: at + 12 };
}

/** The ids of an extra field's blocks (id, length, data), or null if the blocks do not fill it exactly. */
export function extraFieldIds(extra: Uint8Array): number[] | null {
  const ids: number[] = [];
  let at = 0;
  while (at < extra.length) {
    if (at + 4 > extra.length) return null;
    ids.push(u16(extra, at));
    at += 4 + u16(extra, at + 2);
  }
  return at === extra.length ? ids : null;
}
