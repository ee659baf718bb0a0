import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeZip } from '../../src/domain/export/zip-writer.ts';
import { readBundleFile } from '../../src/domain/import/bundle-file.ts';
import { checkBundleFile } from '../../src/domain/import/check-bundle.ts';
import { crc32 } from '../../src/domain/import/crc32.ts';
import { BUNDLE_ZIP_LIMITS, isSafeEntryName, openZip, type ZipLimits, ZipReadError } from '../../src/domain/import/zip-reader.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { MAX_BUNDLE_BYTES, parseBundle } from '../../src/domain/verify.ts';
import { bundleFileProblemText } from '../../src/i18n/bundle-file.ts';
import { CORPUS, GOOD } from '../fixtures/bundles/build.ts';
import { makeZipCorpus, ZIP_CORPUS } from '../fixtures/bundles/zip-corpus.ts';
import { sha256 } from '../support/demo.ts';
import { extraField, type RawEntry, rawZip } from '../support/raw-zip.ts';

const fixture = (name: string) => new Blob([readFileSync(new URL(`../fixtures/bundles/${name}`, import.meta.url))]);
const text = new TextEncoder();

describe('telling JSON from ZIP', () => {
  it('reads a JSON bundle and a ZIP bundle by their first bytes, whatever they are called', async () => {
    const json = await readBundleFile(fixture(GOOD.json));
    const zip = await readBundleFile(fixture(GOOD.zip));
    expect(json).toMatchObject({ ok: true, kind: 'json' });
    expect(zip).toMatchObject({ ok: true, kind: 'zip', ignored: [] });
    if (!json.ok || !zip.ok || zip.kind !== 'zip') throw new Error('unreadable');
    expect(zip.bundle).toEqual(json.bundle);
    expect(zip.evidence.size).toBeGreaterThan(5);
  });

  it('names entries outside the layout and does not offer them as evidence', async () => {
    const file = await readBundleFile(fixture(GOOD.extra));
    if (!file.ok || file.kind !== 'zip') throw new Error('unreadable');
    expect(file.ignored.sort()).toEqual(['evidence/readme.txt', 'tools/run.exe']);
    expect([...file.evidence.keys()].every((k) => /^[0-9a-f]{64}$/.test(k))).toBe(true);
  });
});

describe('the corpus of bad and hostile bundles', () => {
  for (const entry of CORPUS) {
    it(`${entry.file}: ${entry.code}`, async () => {
      const check = await checkBundleFile(engine(), fixture(entry.file), sha256);
      let code: string;
      let seq: number | null | undefined;
      if (!check.ok) code = check.problem.code;
      else if (check.verdict.status === 'broken') {
        code = check.verdict.problem.code;
        seq = check.verdict.event?.seq ?? null;
      } else if (check.evidence?.some((r) => r.status === 'mismatch')) code = 'evidenceMismatch';
      else code = 'accepted';
      expect(code).toBe(entry.code);
      if (entry.seq !== undefined) expect(seq).toBe(entry.seq);
      if (!check.ok) expect(bundleFileProblemText(check.problem, 'de', engine().rulebook)).toContain(entry.says);
    });
  }

  it('names the path of a schema error and of a polluting key', async () => {
    const schema = await readBundleFile(fixture('schema-error.json'));
    expect(schema.ok || schema.problem).toMatchObject({ code: 'schema', issues: [{ path: 'events[3].at' }] });
    const polluted = await readBundleFile(fixture('prototype-pollution.json'));
    expect(polluted.ok || polluted.problem).toEqual({ code: 'pollutingKey', path: '__proto__' });
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses an oversize JSON file before reading it, and an oversize bundle.json inside a ZIP', async () => {
    const chunk = new Uint8Array(16 * 1024 * 1024).fill(0x20);
    const huge = new Blob([...Array.from({ length: 16 }, () => chunk), new Uint8Array(1)]);
    expect(huge.size).toBe(MAX_BUNDLE_BYTES + 1);
    const file = await readBundleFile(huge);
    expect(file.ok || file.problem).toEqual({ code: 'tooLarge', bytes: MAX_BUNDLE_BYTES + 1, limit: MAX_BUNDLE_BYTES });
    expect(parseBundle(new Uint8Array(MAX_BUNDLE_BYTES + 1)).ok).toBe(false);
  });

  it('says what is wrong with a file that is not UTF-8', async () => {
    const file = await readBundleFile(new Blob([new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]));
    expect(file.ok || file.problem).toEqual({ code: 'notUtf8', offset: 1 });
  });
});

describe('the ZIP reader', () => {
  const small: ZipLimits = { ...BUNDLE_ZIP_LIMITS, maxEntries: 3, maxTotalBytes: 1000, maxFileBytes: 100_000 };

  it('refuses names that leave the folder', () => {
    for (const bad of [
      '../x',
      'a/../../x',
      '/etc/passwd',
      'C:/x',
      'c:x',
      'a\\b',
      'evidence/./x',
      'a\u0000b',
      'a\u0085b',
      'rechnung\u202etxt.exe',
      '',
    ]) {
      expect(isSafeEntryName(bad), bad).toBe(false);
    }
    for (const good of ['bundle.json', 'evidence/abc', 'LIESMICH.txt', 'a..b/c', 'Anhänge/Übersicht.txt']) {
      expect(isSafeEntryName(good), good).toBe(true);
    }
  });

  it('applies each limit before inflating anything', async () => {
    const four = zipSync({ a: text.encode('1'), b: text.encode('2'), c: text.encode('3'), d: text.encode('4') });
    expect((await openZip(new Blob([four]), small)).ok || 'refused').toBe('refused');
    expect(await openZip(new Blob([four]), small)).toMatchObject({ ok: false, problem: { code: 'zipTooManyEntries', count: 4, limit: 3 } });
    const big = zipSync({ a: new Uint8Array(1001) }, { level: 0 });
    expect(await openZip(new Blob([big]), small)).toMatchObject({ ok: false, problem: { code: 'zipTotalTooLarge' } });
    expect(await openZip(new Blob([big]), { ...small, maxFileBytes: 100 })).toMatchObject({
      ok: false,
      problem: { code: 'zipFileTooLarge' },
    });
    const dup = zipSync({ a: text.encode('1'), b: text.encode('2') });
    // The second name patched to equal the first: an archive with two entries called "a".
    const patched = dup.slice();
    for (let i = 0; i < patched.length - 1; i++) if (patched[i] === 0x62 && patched[i - 1] === 0x00) patched[i] = 0x61;
    expect(await openZip(new Blob([patched]), small)).toMatchObject({ ok: false, problem: { code: 'zipDuplicateName', name: 'a' } });
  });

  it('reads an entry whose declared size is a lie only up to that size, and reports it damaged', async () => {
    const bytes = zipSync({ a: new Uint8Array(5000).fill(7) }, { level: 9 });
    // The uncompressed size of "a" patched from 5000 to 100, in the local header and the directory alike.
    const patched = bytes.slice();
    const view = new DataView(patched.buffer);
    view.setUint32(22, 100, true);
    for (let i = patched.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 100, true);
        break;
      }
    }
    const opened = await openZip(new Blob([patched]), BUNDLE_ZIP_LIMITS);
    if (!opened.ok) throw new Error(JSON.stringify(opened.problem));
    const entry = opened.zip.get('a');
    if (!entry) throw new Error('no entry');
    const out = await opened.zip.read(entry).catch((e: Error) => e);
    expect(out).toBeInstanceOf(ZipReadError);
  });

  it('refuses something that only starts like a ZIP', async () => {
    const file = await readBundleFile(new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])]));
    expect(file.ok || file.problem.code).toBe('zipCorrupt');
  });
});

describe('evidence in a ZIP', () => {
  it('reports every file as matching its digest in a good ZIP', async () => {
    const check = await checkBundleFile(engine(), fixture(GOOD.zip), sha256);
    if (!check.ok) throw new Error(check.problem.code);
    expect(check.verdict.status).toBe('intact');
    expect(check.evidence?.length).toBeGreaterThan(5);
    expect(check.evidence?.every((r) => r.status === 'ok')).toBe(true);
  });

  it('reports a file whose content was erased per the log as erased, not missing', async () => {
    const check = await checkBundleFile(engine(), fixture(GOOD.erased), sha256);
    if (!check.ok) throw new Error(check.problem.code);
    expect(check.verdict.status).toBe('intact');
    const statuses = check.evidence?.map((r) => r.status) ?? [];
    expect(statuses.filter((s) => s === 'erased')).toHaveLength(1);
    expect(statuses).not.toContain('missing');
  });

  it('reports files the log does not name and files it names that are not there', async () => {
    const good = await readBundleFile(fixture(GOOD.zip));
    if (!good.ok || good.kind !== 'zip') throw new Error('unreadable');
    const [first] = [...good.evidence.keys()];
    const entries: Record<string, Uint8Array> = {
      'bundle.json': readFileSync(new URL(`../fixtures/bundles/${GOOD.json}`, import.meta.url)),
    };
    for (const [digest, entry] of good.evidence) if (digest !== first) entries[`evidence/${digest}`] = await good.zip.read(entry);
    const stray = text.encode('nicht im Protokoll');
    entries[`evidence/${sha256(stray)}`] = stray;
    const check = await checkBundleFile(engine(), new Blob([zipSync(entries)]), sha256);
    if (!check.ok) throw new Error(check.problem.code);
    expect(check.evidence?.find((r) => r.sha256 === first)?.status).toBe('missing');
    expect(check.evidence?.find((r) => r.sha256 === sha256(stray))?.status).toBe('notInIndex');
  });
});

describe('the generated ZIP corpus', () => {
  let files: Record<string, Uint8Array>;
  beforeAll(async () => {
    files = await makeZipCorpus();
  });

  for (const entry of ZIP_CORPUS) {
    it(`${entry.file}: ${entry.code}`, async () => {
      const check = await checkBundleFile(engine(), new Blob([files[entry.file] as Uint8Array<ArrayBuffer>]), sha256);
      if (!check.ok) {
        expect(check.problem.code).toBe(entry.code);
        expect(bundleFileProblemText(check.problem, 'de', engine().rulebook)).toContain(entry.says);
        return;
      }
      expect(entry.code).toBe('accepted');
      expect(check.verdict.status).toBe('intact');
      expect(check.evidence?.some((r) => r.status === 'mismatch')).toBe(false);
      if (check.file.kind !== 'zip') throw new Error('not read as a ZIP');
      expect(check.file.ignored).toEqual(entry.ignored ?? []);
      for (const [status, count] of Object.entries(entry.statuses ?? {})) {
        expect(
          check.evidence?.filter((r) => r.status === status),
          status,
        ).toHaveLength(count);
      }
    });
  }
});

describe('the ZIP reader, strictly', () => {
  const data = text.encode('Inhalt eines Nachweises');
  const open = (bytes: Uint8Array) => openZip(new Blob([bytes as Uint8Array<ArrayBuffer>]), BUNDLE_ZIP_LIMITS);
  const problemOf = async (entries: RawEntry[], options?: Parameters<typeof rawZip>[1]) => {
    const opened = await open(rawZip(entries, options));
    return opened.ok ? 'opened' : opened.problem;
  };

  it('reads a plain archive, stored and deflated, checking each entry’s CRC-32', async () => {
    const opened = await open(
      rawZip([
        { name: 'a', data },
        { name: 'b', data, deflate: true },
      ]),
    );
    if (!opened.ok) throw new Error(JSON.stringify(opened.problem));
    expect(opened.zip.entries.map((e) => e.name)).toEqual(['a', 'b']);
    for (const entry of opened.zip.entries) expect(await opened.zip.read(entry)).toEqual(data);
  });

  it('reads the app’s own streamed archives, whose CRC and sizes follow each entry in a data descriptor', async () => {
    const parts: Uint8Array[] = [];
    const entries = [
      { name: 'bundle.json', size: data.length, compress: true, open: () => [data] },
      { name: 'evidence/x', size: data.length, compress: false, open: () => [data] },
    ];
    await writeZip(entries, { write: (chunk) => void parts.push(chunk.slice()), close: () => {} });
    const archive = new Uint8Array(Buffer.concat(parts));
    expect(new DataView(archive.buffer).getUint16(6, true) & 0x0008).toBe(0x0008);
    const opened = await open(archive);
    if (!opened.ok) throw new Error(JSON.stringify(opened.problem));
    expect(opened.zip.entries.map((e) => e.name)).toEqual(['bundle.json', 'evidence/x']);
    for (const entry of opened.zip.entries) expect(await opened.zip.read(entry)).toEqual(data);
    // The same, written by another streaming writer: data descriptors without their signature.
    expect(await problemOf([{ name: 'a', data, descriptor: true }])).toBe('opened');
  });

  it('refuses to hand out an entry whose CRC-32 does not match, naming it', async () => {
    const opened = await open(rawZip([{ name: 'evidence/x', data, crc: crc32(data) ^ 1 }]));
    if (!opened.ok) throw new Error(JSON.stringify(opened.problem));
    const error = await opened.zip.read(opened.zip.entries[0] as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZipReadError);
    expect((error as ZipReadError).problem).toEqual({ code: 'zipCrcMismatch', name: 'evidence/x' });
  });

  it('reports an evidence file with a wrong CRC-32 as not matching, so the bundle is not imported', async () => {
    const good = await readBundleFile(fixture(GOOD.zip));
    if (!good.ok || good.kind !== 'zip') throw new Error('unreadable');
    const entries: RawEntry[] = [{ name: 'bundle.json', data: await good.zip.read(good.zip.get('bundle.json') as never) }];
    const [damaged] = [...good.evidence.keys()];
    for (const [digest, entry] of good.evidence) {
      const bytes = await good.zip.read(entry);
      entries.push({ name: `evidence/${digest}`, data: bytes, crc: digest === damaged ? crc32(bytes) ^ 1 : undefined });
    }
    const check = await checkBundleFile(engine(), new Blob([rawZip(entries)]), sha256);
    if (!check.ok) throw new Error(check.problem.code);
    expect(check.evidence?.find((r) => r.sha256 === damaged)?.status).toBe('mismatch');
  });

  it('refuses a local header that disagrees with the central directory, naming the field', async () => {
    const cases: [Partial<RawEntry>, string][] = [
      [{ localName: '../../x' }, 'name'],
      [{ localName: 'evidence/y' }, 'name'],
      [{ localFlags: 0x0800 }, 'flags'],
      [{ localFlags: 0x0001 }, 'flags'],
    ];
    for (const [change, field] of cases) {
      expect(await problemOf([{ name: 'evidence/x', data, ...change }]), field).toMatchObject({ code: 'zipLocalMismatch', field });
    }
    expect(await problemOf([{ name: 'evidence/x', data, localName: '../../x' }])).toEqual({
      code: 'zipLocalMismatch',
      name: 'evidence/x',
      field: 'name',
      localName: '../../x',
    });
    // Method, sizes and CRC-32 patched in the local header only.
    const archive = rawZip([{ name: 'evidence/x', data }]);
    for (const [at, field] of [
      [8, 'method'],
      [14, 'crc32'],
      [18, 'compressedSize'],
      [22, 'size'],
    ] as const) {
      const patched = archive.slice();
      patched[at] = (patched[at] as number) ^ 0x08;
      const opened = await open(patched);
      expect(opened.ok || opened.problem, field).toMatchObject({ code: 'zipLocalMismatch', field });
    }
    // A data descriptor that says something else than the directory.
    const described = rawZip([{ name: 'evidence/x', data, descriptor: true }]);
    const at = 30 + 'evidence/x'.length + data.length + 4;
    described[at] = (described[at] as number) ^ 1;
    expect(await open(described)).toMatchObject({ ok: false, problem: { code: 'zipLocalMismatch', field: 'descriptor' } });
  });

  it('refuses ZIP64 in any form, and a second name in an Info-ZIP Unicode path field', async () => {
    const zip64 = extraField(0x0001, new Uint8Array(8));
    expect(await problemOf([{ name: 'a', data, centralExtra: zip64 }])).toEqual({ code: 'zipUnsupported', name: 'a', detail: 'Zip64' });
    expect(await problemOf([{ name: 'a', data, localExtra: zip64 }])).toEqual({ code: 'zipUnsupported', name: 'a', detail: 'Zip64' });
    const unicodePath = extraField(0x7075, new Uint8Array([1, 0, 0, 0, 0, ...text.encode('../x')]));
    expect(await problemOf([{ name: 'a', data, centralExtra: unicodePath }])).toMatchObject({ code: 'zipUnsupported', name: 'a' });
    expect(await problemOf([{ name: 'a', data, centralExtra: new Uint8Array([1, 0, 9]) }])).toMatchObject({ code: 'zipCorrupt' });
    // A harmless extra field (extended timestamp) is fine.
    expect(await problemOf([{ name: 'a', data, centralExtra: extraField(0x5455, new Uint8Array(5)) }])).toBe('opened');
  });

  it('accepts nothing after the end record but its declared comment', async () => {
    const entries: RawEntry[] = [{ name: 'a', data }];
    expect(await problemOf(entries, { comment: text.encode('Kommentar') })).toBe('opened');
    expect(await problemOf(entries, { trailing: text.encode('x') })).toMatchObject({
      code: 'zipCorrupt',
      stray: { bytes: 1, where: 'afterEndRecord' },
    });
    // A comment hiding a second end record: which one is the archive's would depend on the reader.
    const fake = new Uint8Array(22);
    new DataView(fake.buffer).setUint32(0, 0x06054b50, true);
    expect(await problemOf(entries, { comment: fake })).toMatchObject({ code: 'zipCorrupt' });
  });

  it('accepts no bytes that belong to no entry: before the first, between entries, before the directory', async () => {
    expect(await problemOf([{ name: 'a', data }], { leading: text.encode('MZ-Programm') })).toMatchObject({
      code: 'zipCorrupt',
      stray: { bytes: 11, where: 'beforeEntry', entry: 'a' },
    });
    // The central directory's offset moved on by 3 bytes, with 3 bytes of padding put before it.
    const archive = rawZip([{ name: 'a', data }]);
    const directory = archive.length - 22 - (46 + 1);
    const padded = new Uint8Array([...archive.subarray(0, directory), 0, 0, 0, ...archive.subarray(directory)]);
    new DataView(padded.buffer).setUint32(padded.length - 6, directory + 3, true);
    expect(await open(padded)).toMatchObject({ ok: false, problem: { stray: { bytes: 3, where: 'beforeDirectory' } } });
  });

  it('requires the UTF-8 flag for a name that is not ASCII, and valid UTF-8 where it is set', async () => {
    expect(await problemOf([{ name: 'Anhänge/Übersicht.txt', data }])).toBe('opened');
    const latin1 = new Uint8Array([0x41, 0x6e, 0x68, 0xe4, 0x6e, 0x67, 0x65]);
    expect(await problemOf([{ name: latin1, data }])).toEqual({ code: 'zipNameEncoding', name: 'Anh\\xe4nge', flagged: false });
    expect(await problemOf([{ name: latin1, data, flags: 0x0800 }])).toEqual({
      code: 'zipNameEncoding',
      name: 'Anh\\xe4nge',
      flagged: true,
    });
    const message = bundleFileProblemText({ code: 'zipNameEncoding', name: 'Anh\\xe4nge', flagged: false }, 'de', engine().rulebook);
    expect(message).toBe(
      'KEIN GÜLTIGES BUNDLE: Eintrag „Anh\\xe4nge“ hat Sonderzeichen im Namen, aber keine UTF-8-Kennzeichnung: andere Programme könnten ihn anders lesen',
    );
  });

  it('requires bundle.json to be the first entry in the file', async () => {
    const bundle = readFileSync(new URL(`../fixtures/bundles/${GOOD.json}`, import.meta.url));
    const file = await readBundleFile(
      new Blob([
        rawZip([
          { name: 'LIESMICH.txt', data },
          { name: 'bundle.json', data: bundle },
        ]),
      ]),
    );
    expect(file.ok || file.problem).toEqual({ code: 'zipBundleNotFirst', first: 'LIESMICH.txt' });
  });
});
