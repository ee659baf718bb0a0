import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBundleFile } from '../../src/domain/import/bundle-file.ts';
import { checkBundleFile } from '../../src/domain/import/check-bundle.ts';
import { bundleFileProblemText } from '../../src/domain/import/messages.ts';
import { BUNDLE_ZIP_LIMITS, isSafeEntryName, openZip, type ZipLimits } from '../../src/domain/import/zip-reader.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { MAX_BUNDLE_BYTES, parseBundle } from '../../src/domain/verify.ts';
import { CORPUS, GOOD } from '../fixtures/bundles/build.ts';
import { sha256 } from '../support/demo.ts';

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
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'c:x', 'a\\b', 'evidence/./x', 'a\u0000b', '']) {
      expect(isSafeEntryName(bad), bad).toBe(false);
    }
    for (const good of ['bundle.json', 'evidence/abc', 'LIESMICH.txt', 'a..b/c']) expect(isSafeEntryName(good), good).toBe(true);
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
    // Central directory uncompressed size of "a" patched from 5000 to 100.
    const patched = bytes.slice();
    const view = new DataView(patched.buffer);
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
    expect(out instanceof Uint8Array ? out.length : out.name).toSatisfy((v: unknown) => v === 100 || v === 'ZipReadError');
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
