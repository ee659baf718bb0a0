/**
 * A ZIP writer for tests that writes exactly the bytes it is told to: every field of the local
 * header and the central directory can be set apart, so a hostile archive has precisely the one
 * defect a test names (a local name that differs, a wrong CRC-32, a ZIP64 extra field, junk after
 * the end record). With no overrides it writes a plain, valid classic ZIP.
 */
import { deflateSync } from 'fflate';
import { crc32 } from '../../src/domain/import/crc32.ts';

export interface RawEntry {
  /** A string is written as UTF-8, flagged as such (bit 11) if it is not ASCII. */
  name: string | Uint8Array;
  data: Uint8Array;
  deflate?: boolean;
  /** General purpose flags of both headers (default: bit 11 for a non-ASCII string name). */
  flags?: number;
  /** Flags of the local header only, where they should differ from the central directory's. */
  localFlags?: number;
  /** The CRC-32 both headers record (default: the data's). */
  crc?: number;
  /** The name the local header gives, where it should differ from the central directory's. */
  localName?: string | Uint8Array;
  centralExtra?: Uint8Array;
  localExtra?: Uint8Array;
  /** Sizes and CRC-32 after the data (bit 3), zeros in the local header: as streaming writers do. */
  descriptor?: boolean;
}

export interface RawZipOptions {
  comment?: Uint8Array;
  /** Bytes after the end record (and its comment). */
  trailing?: Uint8Array;
  /** Bytes before the first entry, as a self-extracting archive has. */
  leading?: Uint8Array;
}

const encoder = new TextEncoder();
const bytesOf = (name: string | Uint8Array) => (typeof name === 'string' ? encoder.encode(name) : name);
const isAscii = (bytes: Uint8Array) => bytes.every((b) => b < 0x80);

/** One block of an extra field: id, length, data. */
export function extraField(id: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + data.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, id, true);
  view.setUint16(2, data.length, true);
  out.set(data, 4);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

interface Written {
  name: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  extra: Uint8Array;
}

function localRecord(entry: RawEntry, offset: number): { bytes: Uint8Array; written: Written } {
  const name = bytesOf(entry.name);
  const localName = entry.localName === undefined ? name : bytesOf(entry.localName);
  const flags = entry.flags ?? (typeof entry.name === 'string' && !isAscii(name) ? 0x0800 : 0);
  const localFlags = (entry.localFlags ?? flags) | (entry.descriptor ? 0x0008 : 0);
  const compressed = entry.deflate ? deflateSync(entry.data, { level: 6 }) : entry.data;
  const crc = entry.crc ?? crc32(entry.data);
  const localExtra = entry.localExtra ?? new Uint8Array(0);
  const header = new Uint8Array(30 + localName.length + localExtra.length);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(4, 20, true);
  view.setUint16(6, localFlags, true);
  view.setUint16(8, entry.deflate ? 8 : 0, true);
  view.setUint32(10, 0x00210000, true); // 1980-01-01 00:00
  if (!entry.descriptor) {
    view.setUint32(14, crc, true);
    view.setUint32(18, compressed.length, true);
    view.setUint32(22, entry.data.length, true);
  }
  view.setUint16(26, localName.length, true);
  view.setUint16(28, localExtra.length, true);
  header.set(localName, 30);
  header.set(localExtra, 30 + localName.length);
  const parts = [header, compressed];
  if (entry.descriptor) {
    const tail = new Uint8Array(16);
    const d = new DataView(tail.buffer);
    d.setUint32(0, 0x08074b50, true);
    d.setUint32(4, crc, true);
    d.setUint32(8, compressed.length, true);
    d.setUint32(12, entry.data.length, true);
    parts.push(tail);
  }
  const written = {
    name,
    flags,
    method: entry.deflate ? 8 : 0,
    crc,
    compressedSize: compressed.length,
    size: entry.data.length,
    offset,
    extra: entry.centralExtra ?? new Uint8Array(0),
  };
  return { bytes: concat(parts), written };
}

function centralRecord(w: Written): Uint8Array {
  const record = new Uint8Array(46 + w.name.length + w.extra.length);
  const view = new DataView(record.buffer);
  view.setUint32(0, 0x02014b50, true);
  view.setUint16(4, 20, true);
  view.setUint16(6, 20, true);
  view.setUint16(8, w.flags, true);
  view.setUint16(10, w.method, true);
  view.setUint32(12, 0x00210000, true);
  view.setUint32(16, w.crc, true);
  view.setUint32(20, w.compressedSize, true);
  view.setUint32(24, w.size, true);
  view.setUint16(28, w.name.length, true);
  view.setUint16(30, w.extra.length, true);
  view.setUint32(42, w.offset, true);
  record.set(w.name, 46);
  record.set(w.extra, 46 + w.name.length);
  return record;
}

function endRecord(count: number, directorySize: number, directoryOffset: number, comment: Uint8Array): Uint8Array {
  const record = new Uint8Array(22 + comment.length);
  const view = new DataView(record.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, count, true);
  view.setUint16(10, count, true);
  view.setUint32(12, directorySize, true);
  view.setUint32(16, directoryOffset, true);
  view.setUint16(20, comment.length, true);
  record.set(comment, 22);
  return record;
}

/** The archive of `entries`, in this order. */
export function rawZip(entries: readonly RawEntry[], options: RawZipOptions = {}): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  const leading = options.leading ?? new Uint8Array(0);
  parts.push(leading);
  let offset = leading.length;
  const written: Written[] = [];
  for (const entry of entries) {
    const local = localRecord(entry, offset);
    parts.push(local.bytes);
    written.push(local.written);
    offset += local.bytes.length;
  }
  const directory = concat(written.map(centralRecord));
  parts.push(directory, endRecord(written.length, directory.length, offset, options.comment ?? new Uint8Array(0)));
  parts.push(options.trailing ?? new Uint8Array(0));
  return concat(parts);
}
