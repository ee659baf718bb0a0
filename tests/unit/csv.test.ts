import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { serializeBundle } from '../../src/domain/bundle.ts';
import { csvCell, csvDocument, EVENT_CSV_HEADER, eventsCsv, neutralise, UTF8_BOM } from '../../src/domain/export/csv.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { demoBundle, demoProcess } from '../support/demo.ts';

/** Reads CSV the way a careful spreadsheet import does: BOM off, semicolons, CRLF. */
function parse(text: string): string[][] {
  expect(text.startsWith(UTF8_BOM)).toBe(true);
  const result = Papa.parse<string[]>(text.slice(UTF8_BOM.length), { delimiter: ';', newline: '\r\n', quoteChar: '"' });
  expect(result.errors).toEqual([]);
  // A document ends with a line end, which Papa reads as one last empty row.
  const rows = result.data;
  const last = rows[rows.length - 1];
  if (last && last.length === 1 && last[0] === '') rows.pop();
  return rows;
}

describe('CSV cells', () => {
  it('neutralises cells that a spreadsheet would run as a formula', () => {
    for (const hostile of ['=HYPERLINK("http://x","klick")', '+49 7121 1234', '-2+3', '@SUM(A1)', '\tTab', '\rCR']) {
      expect(neutralise(hostile)).toBe(`'${hostile}`);
    }
    for (const harmless of ['Maßnahme „Schulung“', ' =leading space', 'a=b', '', "'quoted"]) {
      expect(neutralise(harmless)).toBe(harmless);
    }
  });

  it('quotes separators, quotes and line breaks as RFC 4180 says, and nothing else', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('Sie sagte "ja"')).toBe('"Sie sagte ""ja"""');
    expect(csvCell('zwei\r\nZeilen')).toBe('"zwei\r\nZeilen"');
    expect(csvCell('nur\nLF')).toBe('"nur\nLF"');
    expect(csvCell('schlicht, mit Komma')).toBe('schlicht, mit Komma');
    expect(csvCell('=1;2')).toBe(`"'=1;2"`);
    expect(csvCell(42)).toBe('42');
    expect(csvCell(-1)).toBe('-1');
  });

  it('any text comes back from a CSV parser as the same cell (after neutralisation)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { minLength: 2, maxLength: 5 }), { maxLength: 5 }),
        (rows) => {
          const width = rows[0]?.length ?? 2;
          const table = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
          const header = Array.from({ length: width }, (_, i) => `h${i}`);
          expect(parse(csvDocument(header, table))).toEqual([header, ...table.map((row) => row.map(neutralise))]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the log as CSV', () => {
  it('has one row per event, German headers, ISO times, the chain hashes, and reads back as the right cells', async () => {
    const { writer } = await demoProcess();
    const events = writer.log.events;
    const csv = eventsCsv({ events, snapshot: writer.log.snapshot, rulebook: engine().rulebook, lang: 'de' });
    expect(csv.split('\r\n').length).toBeGreaterThan(events.length);
    const rows = parse(csv);
    expect(rows).toHaveLength(events.length + 1);
    expect(rows[0]).toEqual([...EVENT_CSV_HEADER.de]);
    for (const [i, event] of events.entries()) {
      const row = rows[i + 1] as string[];
      expect(row).toHaveLength(10);
      expect(row[0]).toBe(String(event.seq));
      expect(row[1]).toBe(event.at);
      expect(row[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(row[2]).toBe(event.type);
      expect(row[8]).toBe(event.hash);
      expect(row[9]).toBe(event.prevHash);
      expect(row[7]?.length).toBeGreaterThan(5);
    }
    const opened = rows[1] as string[];
    expect(opened[5]).toBe('Auftragsklärung');
    expect(opened[6]).toBe('1');
    const lastCycle = rows[rows.length - 1] as string[];
    expect(lastCycle[6]).toBe('3');
    const refused = rows.find((row) => row[2] === 'SignOffRefused') as string[];
    expect(refused[3]).toBe('Dr. Thomas Berger');
    expect(refused[4]).toBe('Geschäftsführung');
  });

  it('speaks English on request', async () => {
    const { writer } = await demoProcess();
    const rows = parse(eventsCsv({ events: writer.log.events, snapshot: writer.log.snapshot, rulebook: engine().rulebook, lang: 'en' }));
    expect(rows[0]).toEqual([...EVENT_CSV_HEADER.en]);
    expect((rows[1] as string[])[5]).toBe('Mandate');
  });

  it('keeps a hostile name from becoming a formula', async () => {
    const { writer, people } = await demoProcess();
    const hostile = '=HYPERLINK("https://example.invalid";"Details")';
    const id = people.ikbo.personId;
    // The name as the log registers it: in the founding event or a registration.
    const events = writer.log.events.map((e) => {
      if (e.type === 'ProcessOpened' && e.payload.founder.personId === id)
        return { ...e, payload: { ...e.payload, founder: { ...e.payload.founder, name: hostile } } };
      if (e.type === 'PersonRegistered' && e.payload.personId === id) return { ...e, payload: { ...e.payload, name: hostile } };
      return e;
    }) as typeof writer.log.events;
    const rows = parse(eventsCsv({ events, snapshot: writer.log.snapshot, rulebook: engine().rulebook, lang: 'de' }));
    const byAmbassador = rows.filter((row) => row[3]?.includes('HYPERLINK'));
    expect(byAmbassador.length).toBeGreaterThan(10);
    for (const row of byAmbassador) expect(row[3]).toBe(`'${hostile}`);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('ankerpunkt csv', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ankerpunkt-csv-'));
    file = join(dir, 'bundle.json');
    await writeFile(file, serializeBundle(await demoBundle()));
  });

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const written: string[] = [];
    const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t), write: (t) => written.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n'), written: written.join('') };
  }

  it('writes the table to stdout exactly, BOM and CRLF included', async () => {
    const { code, written } = await cli('csv', file);
    expect(code).toBe(0);
    const rows = parse(written);
    expect(rows).toHaveLength(161);
    expect(written.endsWith('\r\n')).toBe(true);
  });

  it('writes to --out, in English with --lang en', async () => {
    const out = join(dir, 'log.csv');
    const { code, out: message } = await cli('csv', file, '--out', out, '--lang', 'en');
    expect(code).toBe(0);
    expect(message).toMatch(/160 rows/);
    expect(parse(await readFile(out, 'utf8'))[0]).toEqual([...EVENT_CSV_HEADER.en]);
  });

  it('refuses a bundle that does not verify, writing nothing', async () => {
    const bundle = JSON.parse(await readFile(file, 'utf8'));
    bundle.events[10].at = '2024-01-01T00:00:00.000Z';
    const broken = join(dir, 'broken.json');
    await writeFile(broken, JSON.stringify(bundle));
    const { code, err, written } = await cli('csv', broken);
    expect(code).toBe(1);
    expect(written).toBe('');
    expect(err).toMatch(/^GEBROCHEN/);
  });
});
