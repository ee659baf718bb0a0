import { execFile, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { buildBundle } from '../../src/domain/bundle.ts';
import { nodeSha256Hex } from '../../src/domain/crypto/node-sha256.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { verifyEvents } from '../../src/domain/verify.ts';
import { makeZipCorpus, ZIP_CORPUS } from '../fixtures/bundles/zip-corpus.ts';
import { demoProcess } from '../support/demo.ts';
import { relink } from '../support/forgery.ts';

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A key id as the fingerprint the verdict shows: groups of four, upper case. */
const spaced = (keyId: string) => (keyId.toUpperCase().match(/.{4}/g) ?? []).join(' ');

describe('ankerpunkt CLI', () => {
  let dir: string;
  let demo: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ankerpunkt-cli-'));
    demo = join(dir, 'demo.json');
    expect((await cli('demo', '--out', demo)).code).toBe(0);
  });

  it('writes a demo bundle of a job centre in Baden-Württemberg over three cycles', async () => {
    const bundle = JSON.parse(await readFile(demo, 'utf8'));
    expect(bundle.process.agency).toEqual({ name: 'Jobcenter Neckar-Alb (Demo)', type: 'JC', region: 'Baden-Württemberg' });
    const types = new Set(bundle.events.map((e: { type: string }) => e.type));
    for (const type of [
      'SignOffRefused',
      'SignOffGranted',
      'ProcessPaused',
      'ProcessResumed',
      'MeasureReplanned',
      'MeasureCancelled',
      'KeyRevoked',
    ]) {
      expect(types).toContain(type);
    }
    expect(
      bundle.events.filter((e: { type: string; payload: { from?: string } }) => e.type === 'StageAdvanced' && e.payload.from === 'renewal'),
    ).toHaveLength(2);
  });

  it('verify: exit 0 with a summary line, the founder’s key and every signer with their fingerprint', async () => {
    const { code, out } = await cli('verify', demo);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^INTAKT: Jobcenter Neckar-Alb \(Demo\) · 160 Ereignisse, alle 160 Ereignisse einzeln signiert · /);
    expect(lines[1]).toMatch(/^Gründungsschlüssel: Leyla Aydın \(p-aydin\), Fingerabdruck ([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(lines[2]).toBe('Signiert haben:');
    expect(lines.filter((l) => /^ {2}.+ \(p-[a-z]+\): ([0-9A-F]{4} ){7}[0-9A-F]{4} · /.test(l))).toHaveLength(6);
    expect(lines.at(-1)).toMatch(/nur wer einen dieser Fingerabdrücke aus anderer Quelle kennt/);
    expect((await cli('verify', demo, '--lang', 'en')).out).toMatch(/^INTACT: .* 160 events, all 160 events signed one by one/);
  });

  it('verify --trust: exit 0 for the founder’s or a named person’s known key, exit 1 for any other', async () => {
    const bundle = JSON.parse(await readFile(demo, 'utf8'));
    const founder = bundle.events[0].payload.founder.key.keyId as string;
    const keller = bundle.people.find((p: { personId: string }) => p.personId === 'p-keller').keys[0].keyId as string;

    const trusted = await cli('verify', demo, '--trust', spaced(founder), '--trust', `Martina Keller=${keller}`);
    expect(trusted.code).toBe(0);
    expect(trusted.out).toContain(`VERTRAUT: ${spaced(founder)} ist der Gründungsschlüssel (Leyla Aydın)`);
    expect(trusted.out).toMatch(/VERTRAUT: .* ist ein Schlüssel von Martina Keller \(\d+ Signaturen damit\)/);

    const other = await cli('verify', demo, '--trust', keller);
    expect(other.code).toBe(1);
    expect(other.err).toMatch(/^NICHT VERTRAUT: /);
    expect(other.err).toContain(`ist nicht der Gründungsschlüssel dieses Bundles (dieser ist ${spaced(founder)})`);
    const wrongPerson = await cli('verify', demo, '--trust', `p-aydin=${keller}`);
    expect(wrongPerson.code).toBe(1);
    expect(wrongPerson.err).toContain('ist kein Schlüssel von Leyla Aydın in diesem Bundle');
    expect((await cli('verify', demo, '--trust', `Niemand=${founder}`)).err).toContain('„Niemand“ ist in diesem Prozess nicht registriert');
    expect((await cli('verify', demo, '--trust', 'ABCD')).code).toBe(2);
  });

  it('verify --extends: a later export continues an earlier one; one cut short or rewritten is named', async () => {
    const bundle = JSON.parse(await readFile(demo, 'utf8'));
    const { writer, people } = await demoProcess();
    const exporter = { personId: people.ikbo.personId, key: people.ikbo.key };
    const exportOf = async (events: typeof writer.log.events, name: string) => {
      const file = join(dir, name);
      const walked = await verifyEvents(engine(), events, nodeSha256Hex);
      if (!walked.ok) throw new Error('demo log broken');
      const b = await buildBundle({
        engine: engine(),
        events,
        snapshot: walked.snapshot,
        exporter,
        exportedAt: '2026-11-25T10:00:00.000Z',
      });
      await writeFile(file, JSON.stringify(b));
      return file;
    };
    expect(bundle.events.length).toBe(160);
    const earlier = await exportOf(writer.log.events.slice(0, 100), 'earlier.json');
    const later = await exportOf(writer.log.events, 'later.json');

    const continued = await cli('verify', later, '--extends', earlier);
    expect(continued.code).toBe(0);
    expect(continued.out).toContain('FORTGESETZT: beginnt mit genau den 100 Ereignissen des früheren Exports, 60 neu');

    const cut = await cli('verify', earlier, '--extends', later);
    expect(cut.code).toBe(1);
    expect(cut.err).toMatch(/^GEKÜRZT: 100 Ereignisse, der frühere Export hatte 160/);

    // The ambassador rewrites history from event 90 on with her own key: it verifies on its own,
    // and only the comparison with the earlier export shows it.
    const rewritten = structuredClone(writer.log.events.slice(0, 120));
    const at = rewritten.findIndex((e, i) => i >= 89 && e.actor.personId === 'p-aydin' && e.type === 'EvidenceAttached');
    (rewritten[at] as { payload: { title: string } }).payload.title = 'Umgeschrieben';
    const resigned = await relink(rewritten, at, (e) => (e.actor.personId === 'p-aydin' ? people.ikbo.key : null));
    const insider = await exportOf(resigned.slice(0, at + 1), 'insider.json');
    expect((await cli('verify', insider)).code).toBe(0);
    const differs = await cli('verify', insider, '--extends', earlier);
    expect(differs.code).toBe(1);
    expect(differs.err).toMatch(
      new RegExp(`^(UMGESCHRIEBEN: ab Ereignis ${at + 1}|GEKÜRZT: .* ab Ereignis ${at + 1} weichen sie außerdem ab)`),
    );
  });

  it('verify: a format-1 bundle is verified by the format-1 rules, with a warning that nothing proves who recorded it', async () => {
    const fixtures = new URL('../fixtures/bundles/', import.meta.url).pathname;
    const { code, out } = await cli('verify', join(fixtures, 'valid-format-1.json'));
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^INTAKT: .* 160 Ereignisse, kein Ereignis einzeln signiert/);
    expect(lines[1]).toMatch(/^WARNUNG: Kein Ereignis ist einzeln signiert \(Format 1\)\. Wer was aufgezeichnet hat, ist nicht bewiesen/);
  });

  it('verify: exit 1 naming the first broken event and why', async () => {
    const bundle = JSON.parse(await readFile(demo, 'utf8'));
    bundle.events[57].at = '2024-07-08T09:00:00.000Z';
    const file = join(dir, 'broken.json');
    await writeFile(file, JSON.stringify(bundle));
    const { code, err } = await cli('verify', file);
    expect(code).toBe(1);
    expect(err).toMatch(/^GEBROCHEN: Ereignis 58 \(\w+, e-\d+\): Hash stimmt nicht/);
  });

  it('verify: exit 2 with a clear message for a file that is not a bundle', async () => {
    const cases: [string, RegExp][] = [
      ['not json {', /kein gültiges JSON/],
      ['{"format":"ankerpunkt.audit-bundle","formatVersion":7}', /Formatversion 7 wird nicht unterstützt/],
      ['{"format":"ankerpunkt.audit-bundle","formatVersion":1,"events":[]}', /Schemafehler: process: /],
      ['{"hello":"world"}', /kein Ankerpunkt-Audit-Bundle/],
    ];
    for (const [content, message] of cases) {
      const file = join(dir, 'bad.json');
      await writeFile(file, content);
      const { code, err } = await cli('verify', file);
      expect(code).toBe(2);
      expect(err).toMatch(message);
      expect(err).not.toMatch(/\n\s+at /);
    }
    expect(await cli('verify', join(dir, 'missing.json'))).toMatchObject({ code: 2, err: expect.stringMatching(/ENOENT/) });
  });

  it('verify: a ZIP bundle, with every evidence file checked against its digest', async () => {
    const fixtures = new URL('../fixtures/bundles/', import.meta.url).pathname;
    const intact = await cli('verify', join(fixtures, 'valid.zip'));
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/^INTAKT: [\s\S]*\nNachweisdateien: \d+ stimmen, 0 passen nicht, 0 nicht enthalten, 0 gelöscht/);
    const erased = await cli('verify', join(fixtures, 'valid-erased.zip'));
    expect(erased.code).toBe(0);
    expect(erased.out).toMatch(/1 gelöscht/);
    const swapped = await cli('verify', join(fixtures, 'zip-digest-mismatch.zip'));
    expect(swapped.code).toBe(1);
    expect(swapped.err).toMatch(/^GEBROCHEN: Nachweisdateien im ZIP stimmen nicht mit dem Protokoll überein/);
    expect(swapped.err).toMatch(/passt nicht zur Prüfsumme: evidence\/[0-9a-f]{64}/);
    for (const [name, message] of [
      ['zip-bomb.zip', /Zip-Bombe/],
      ['zip-path-traversal.zip', /unzulässigen Pfad/],
      ['zip-no-bundle.zip', /keine bundle\.json/],
      ['prototype-pollution.json', /unzulässigen Namen „[^“]*__proto__“/],
      ['duplicate-outcome.json', /„events\[\d+\]\.payload\.outcome“ steht zweimal/],
      ['lone-surrogate.json', /halbes Unicode-Zeichen/],
      ['number-not-integer.json', /Zahl 1\.0/],
      ['byte-order-mark.json', /Byte-Order-Markierung/],
      ['invalid-utf8.json', /kein gültiger UTF-8-Text \(ungültiges Byte an Stelle \d+\)/],
    ] as const) {
      const refused = await cli('verify', join(fixtures, name));
      expect(refused.code, name).toBe(2);
      expect(refused.err, name).toMatch(message);
      expect(refused.err, name).not.toMatch(/\n\s+at /);
    }
  });

  it('demo --out FILE.zip: the ZIP form as the app exports it, which verify reads as intact with every file matching', async () => {
    const zip = join(dir, 'demo.zip');
    const written = await cli('demo', '--out', zip);
    expect(written).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Demo-Bundle als ZIP geschrieben: .* \(160 Ereignisse, \d+ Nachweisdateien\)$/),
    });
    const bytes = await readFile(zip);
    expect(bytes.subarray(30, 30 + 'bundle.json'.length).toString()).toBe('bundle.json');
    const verified = await cli('verify', zip);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^INTAKT: /);
    expect(verified.out).toMatch(
      /\nNachweisdateien: [1-9]\d* stimmen, 0 passen nicht, 0 nicht enthalten, 0 gelöscht, 0 nicht im Verzeichnis$/,
    );
    // .json (or any other name) keeps the JSON form.
    expect(JSON.parse(await readFile(demo, 'utf8')).format).toBe('ankerpunkt.audit-bundle');
    const unwritable = await cli('demo', '--out', join(dir, 'no-such-folder', 'x.zip'));
    expect(unwritable).toMatchObject({ code: 2, err: expect.stringMatching(/^Datei kann nicht geschrieben werden: .*ENOENT/) });
  });

  describe('verify: the generated ZIP corpus', () => {
    const paths = new Map<string, string>();
    beforeAll(async () => {
      for (const [name, bytes] of Object.entries(await makeZipCorpus())) {
        paths.set(name, join(dir, name));
        await writeFile(join(dir, name), bytes);
      }
    });
    const path = (name: string) => paths.get(name) as string;

    for (const entry of ZIP_CORPUS.filter((e) => e.code !== 'accepted')) {
      it(`${entry.file}: exit 2, ${entry.code}`, async () => {
        const { code, err } = await cli('verify', path(entry.file));
        expect(code).toBe(2);
        expect(err).toContain(entry.says);
        expect(err).not.toMatch(/\n\s+at /);
      });
    }

    it('an honest ZIP that leaves out a file the exporting device did not have: exit 0, the file named as not included', async () => {
      const de = await cli('verify', path('zip-not-included.zip'));
      expect(de.code).toBe(0);
      expect(de.out).toMatch(/^INTAKT: /);
      expect(de.out).toMatch(/0 passen nicht, 1 nicht enthalten, /);
      expect(de.out).toMatch(/\n {2}nicht enthalten: evidence\/[0-9a-f]{64}( \(.+\))?\n/);
      expect(de.out).toContain('Hinweis: Ein Export lässt Dateien aus, die das exportierende Gerät nicht hat.');
      const en = await cli('verify', path('zip-not-included.zip'), '--lang', 'en');
      expect(en.out).toMatch(/\n {2}not included: evidence\/[0-9a-f]{64}/);
    });

    it('content erased per the log but still in the ZIP: exit 0, with a warning naming its digest', async () => {
      const { code, out } = await cli('verify', path('zip-erased-present.zip'));
      expect(code).toBe(0);
      expect(out).toMatch(/, 1 gelöscht, aber enthalten\n/);
      expect(out).toMatch(
        /\nWARNUNG: Die ZIP-Datei enthält die Datei evidence\/[0-9a-f]{64} \(.+\), deren Inhalt laut Protokoll gelöscht ist: personenbezogene Daten/,
      );
      const en = await cli('verify', path('zip-erased-present.zip'), '--lang', 'en');
      expect(en.out).toMatch(/\nWARNING: the ZIP file holds evidence\/[0-9a-f]{64} .*whose content the log records as erased/);
    });

    it('entries outside the layout: exit 0, each named, none read', async () => {
      const de = await cli('verify', path('zip-outside-layout.zip'));
      expect(de.code).toBe(0);
      const outside = ZIP_CORPUS.find((e) => e.file === 'zip-outside-layout.zip')?.ignored ?? [];
      for (const name of outside) expect(de.out).toContain(`\n  nicht zum Aufbau gehörend, nicht gelesen: ${name}`);
      expect((await cli('verify', path('zip-outside-layout.zip'), '--lang', 'en')).out).toContain(
        '  not part of the layout, not read: tools/run.exe',
      );
    });
  });

  it('report: the state of the process in German, and in English on request', async () => {
    const de = await cli('report', demo, '--at', '2026-11-25T12:00:00Z');
    expect(de.code).toBe(0);
    expect(de.out).toContain('Aktuelle Phase: Umsetzung · Zyklus 3');
    expect(de.out).toContain('Geschäftsführung: Dr. Thomas Berger, abgelehnt am 27.06.2024');
    expect(de.out).toContain('ÜBERFÄLLIG: Schulungskonzept');
    expect(de.out).toMatch(/Sprachmittlung\s+2\s+3\s+–/);
    // The fingerprints to compare, the founder's key marked; no warning, every event is signed.
    const bundle = JSON.parse(await readFile(demo, 'utf8'));
    const founder = bundle.events[0].payload.founder.key.keyId as string;
    expect(de.out).toContain(`${spaced(founder)} · Leyla Aydın (Gründungsschlüssel) · eingetragen am`);
    expect(de.out).toMatch(/widerrufen am/);
    expect(de.out).not.toContain('WARNUNG');
    const en = await cli('report', demo, '--lang', 'en', '--at', '2026-11-25T12:00:00Z');
    expect(en.out).toContain('Current stage: Implementation · cycle 3');
    expect(en.out).toContain('OVERDUE: ');
  });

  it('overview: many bundles side by side; a broken or unknown file is named and changes nothing for the others', async () => {
    const { makeRegionBundles } = await import('../../scripts/make-region-bundles.ts');
    const files = await makeRegionBundles(6);
    const folder = join(dir, 'region');
    await mkdir(folder, { recursive: true });
    for (const [name, text] of files) await writeFile(join(folder, name), text);
    const all = await cli('overview', folder, '--at', '2026-12-01T00:00:00Z', '--csv', join(dir, 'region.csv'));
    expect(all.code).toBe(2);
    expect(all.err).toContain('Formatversion 99');
    expect(all.out).toMatch(/zz-verfaelscht\.json: GEBROCHEN: Ereignis 2 /);
    const rows = (text: string) => text.split('\n').filter((line) => / · intakt, signiert, \d+ Ereignisse/.test(line));
    expect(rows(all.out)).toHaveLength(6);
    // The same figures without the two bad files, and the same whatever the order of the arguments.
    const good = [...files.keys()].filter((n) => !n.startsWith('zz-')).map((n) => join(folder, n));
    const clean = await cli('overview', ...good.reverse(), '--at', '2026-12-01T00:00:00Z');
    expect(clean.code).toBe(0);
    expect(rows(clean.out)).toEqual(rows(all.out));
    const csv = await readFile(join(dir, 'region.csv'), 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(7);
  });

  it('refuses to report on a broken bundle', async () => {
    const bundle = JSON.parse(await readFile(demo, 'utf8'));
    bundle.events.pop();
    const file = join(dir, 'short.json');
    await writeFile(file, JSON.stringify(bundle));
    const { code, err, out } = await cli('report', file);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^GEBROCHEN: Kopf des Bundles/);
  });

  it('explains its usage for unknown commands and options', async () => {
    expect(await cli('frobnicate')).toMatchObject({ code: 2, err: expect.stringMatching(/Unbekannter Befehl/) });
    expect(await cli('verify')).toMatchObject({ code: 2 });
    expect(await cli('verify', demo, '--lang', 'fr')).toMatchObject({ code: 2 });
    expect(await cli('--help')).toMatchObject({ code: 0, out: expect.stringMatching(/ankerpunkt verify DATEI/) });
  });

  it('runs as `npx ankerpunkt` from the package bin, without a build step', async () => {
    const bin = new URL('../../src/cli/ankerpunkt.mjs', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'verify', demo]);
    expect(stdout).toMatch(/^INTAKT/);
    const failed = await promisify(execFile)(process.execPath, [bin, 'verify', join(dir, 'bad.json')]).catch((e) => e);
    expect(failed.code).toBe(2);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
  });
});

const hasPythonCryptography = (() => {
  try {
    execFileSync('python3', ['-c', 'import cryptography'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasPythonCryptography)('the independent Python verifier of docs/examples', () => {
  const script = new URL('../../docs/examples/verify_bundle.py', import.meta.url).pathname;
  const python = (file: string) => promisify(execFile)('python3', [script, file]).catch((e) => e);

  it('agrees with ankerpunkt on an intact bundle and on a rewritten refusal, using only docs/audit-bundle.md', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ankerpunkt-py-'));
    const file = join(dir, 'demo.json');
    expect(await run(['demo', '--out', file], { out: () => {}, err: () => {} })).toBe(0);
    const intact = await python(file);
    expect(intact.stdout).toMatch(/^intact: 160 events/);

    // An insider rewrites a refusal and recomputes every hash: only the signature gives it away.
    const bundle = JSON.parse(await readFile(file, 'utf8'));
    const index = bundle.events.findIndex((e: { type: string }) => e.type === 'SignOffRefused');
    bundle.events[index].payload.comment = 'Einverstanden.';
    const { computeHash } = await import('../../src/domain/chain.ts');
    const { nodeSha256Hex } = await import('../../src/domain/crypto/node-sha256.ts');
    let prev = '0'.repeat(64);
    for (const event of bundle.events) {
      event.prevHash = prev;
      event.hash = await computeHash(event, nodeSha256Hex);
      prev = event.hash;
    }
    bundle.head.headHash = prev;
    const forged = join(dir, 'forged.json');
    await writeFile(forged, JSON.stringify(bundle));
    const result = await python(forged);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`event ${index + 1} (SignOffRefused): bad event signature`);
    expect(await run(['verify', forged], { out: () => {}, err: () => {} })).toBe(1);
  });

  it('refuses, like ankerpunkt, every file that could mean two things to two readers', async () => {
    const fixtures = new URL('../fixtures/bundles/', import.meta.url).pathname;
    for (const name of [
      'duplicate-seq',
      'duplicate-events',
      'duplicate-outcome',
      'number-not-integer',
      'byte-order-mark',
      'lone-surrogate',
      'invalid-utf8',
    ]) {
      const result = await python(join(fixtures, `${name}.json`));
      expect(result.code, name).toBe(2);
      expect(result.stdout, name).toMatch(/^not a bundle: /);
    }
  });
});
