/**
 * `ankerpunkt`: the command line for auditors and administrators.
 *   demo --out FILE     write the demo process as an audit bundle
 *   verify FILE         check chain, head, signatures and replay; exit 0 intact, 1 broken, 2 not a bundle
 *   report FILE         print the process report (German; --lang en for English)
 *   csv FILE            the log as a CSV table for Excel (to stdout, or --out FILE)
 * Errors are one line on stderr, never a stack trace.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildBundle, serializeBundle } from '../domain/bundle.ts';
import { nodeSha256Hex } from '../domain/crypto/node-sha256.ts';
import { buildJobcenterDemo } from '../domain/demo/jobcenter-demo.ts';
import { eventsCsv } from '../domain/export/csv.ts';
import { engine } from '../domain/process-engine.ts';
import { buildReport } from '../domain/report.ts';
import { MAX_BUNDLE_BYTES, type Verdict, verifyBundleBytes } from '../domain/verify.ts';
import { isLang, type Lang } from '../i18n/lang.ts';
import { reportText } from './report-text.ts';
import { verdictLine } from './verdict-text.ts';

export const EXIT = { ok: 0, broken: 1, invalid: 2, usage: 2, internal: 3 } as const;

const USAGE = {
  de: `Aufruf:
  ankerpunkt demo --out DATEI        Demo-Prozess als Audit-Bundle schreiben
  ankerpunkt verify DATEI            Bundle prüfen (0 intakt, 1 gebrochen, 2 kein gültiges Bundle)
  ankerpunkt report DATEI            Prozessbericht ausgeben
  ankerpunkt csv DATEI [--out CSV]   Protokoll als CSV-Tabelle für Excel (Semikolon, UTF-8)
Optionen: --lang de|en (Standard: de), --at ZEITPUNKT (Stichtag des Berichts, ISO 8601)`,
  en: `Usage:
  ankerpunkt demo --out FILE         write the demo process as an audit bundle
  ankerpunkt verify FILE             verify a bundle (0 intact, 1 broken, 2 not a valid bundle)
  ankerpunkt report FILE             print the process report
  ankerpunkt csv FILE [--out CSV]    the log as a CSV table for Excel (semicolons, UTF-8)
Options: --lang de|en (default: de), --at TIME (report date, ISO 8601)`,
};

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Writes text exactly as given (no line end added): for file content such as CSV on stdout. */
  write?: (text: string) => void;
}

type FileRead = { bytes: Uint8Array } | { tooLarge: number } | null;

async function readBundleFile(path: string, lang: Lang, io: Io): Promise<FileRead> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    // Checked before reading, so a huge file is refused without being loaded.
    if (info.size > MAX_BUNDLE_BYTES) return { tooLarge: info.size };
    return { bytes: new Uint8Array(await readFile(path)) };
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    io.err(lang === 'de' ? `Datei kann nicht gelesen werden: ${path} (${why})` : `cannot read file: ${path} (${why})`);
    return null;
  }
}

async function verifyFile(path: string, lang: Lang, io: Io): Promise<{ code: number; verdict: Verdict | null }> {
  const read = await readBundleFile(path, lang, io);
  if (!read) return { code: EXIT.invalid, verdict: null };
  const verdict: Verdict =
    'tooLarge' in read
      ? { status: 'invalid', problem: { code: 'tooLarge', bytes: read.tooLarge, limit: MAX_BUNDLE_BYTES } }
      : await verifyBundleBytes(engine(), read.bytes, nodeSha256Hex);
  const code = verdict.status === 'intact' ? EXIT.ok : verdict.status === 'broken' ? EXIT.broken : EXIT.invalid;
  return { code, verdict };
}

export async function run(argv: string[], io: Io): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { out: { type: 'string' }; lang: { type: 'string' }; at: { type: 'string' }; help: { type: 'boolean'; short: 'h' } };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      options: { out: { type: 'string' }, lang: { type: 'string' }, at: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE.de}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const langOption = values.lang ?? 'de';
  if (!isLang(langOption)) {
    io.err(`--lang: de oder en / de or en (${langOption})`);
    return EXIT.usage;
  }
  const lang: Lang = langOption;
  const [command, file, ...extra] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE[lang]);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const usage = (message: string) => {
    io.err(`${message}\n${USAGE[lang]}`);
    return EXIT.usage;
  };

  switch (command) {
    case 'demo': {
      if (!values.out || file) return usage(lang === 'de' ? 'demo braucht --out DATEI' : 'demo needs --out FILE');
      const eng = engine();
      const { writer, people } = await buildJobcenterDemo(eng, nodeSha256Hex);
      const bundle = await buildBundle({
        engine: eng,
        events: writer.log.events,
        snapshot: writer.log.snapshot,
        exporter: { personId: people.ikbo.personId, key: people.ikbo.key },
        exportedAt: new Date().toISOString(),
      });
      await writeFile(values.out, serializeBundle(bundle));
      io.out(
        lang === 'de'
          ? `Demo-Bundle geschrieben: ${values.out} (${bundle.events.length} Ereignisse)`
          : `demo bundle written: ${values.out} (${bundle.events.length} events)`,
      );
      return EXIT.ok;
    }
    case 'verify': {
      if (!file || extra.length > 0) return usage(lang === 'de' ? 'verify braucht genau eine DATEI' : 'verify needs exactly one FILE');
      const { code, verdict } = await verifyFile(file, lang, io);
      if (verdict) (code === EXIT.ok ? io.out : io.err)(verdictLine(verdict, lang, engine().rulebook));
      return code;
    }
    case 'report': {
      if (!file || extra.length > 0) return usage(lang === 'de' ? 'report braucht genau eine DATEI' : 'report needs exactly one FILE');
      const asOf = values.at ? new Date(values.at) : new Date();
      if (Number.isNaN(asOf.getTime()))
        return usage(lang === 'de' ? `--at ist kein Zeitpunkt: ${values.at}` : `--at is not a time: ${values.at}`);
      const { code, verdict } = await verifyFile(file, lang, io);
      if (!verdict) return code;
      if (verdict.status !== 'intact') {
        io.err(verdictLine(verdict, lang, engine().rulebook));
        return code;
      }
      const chain = { eventCount: verdict.bundle.events.length, headHash: verdict.bundle.head.headHash };
      io.out(reportText(buildReport(engine(), verdict.snapshot, asOf.toISOString(), chain), lang, engine().rulebook));
      return EXIT.ok;
    }
    case 'csv': {
      if (!file || extra.length > 0) return usage(lang === 'de' ? 'csv braucht genau eine DATEI' : 'csv needs exactly one FILE');
      const { code, verdict } = await verifyFile(file, lang, io);
      if (!verdict) return code;
      // A table of a log that does not verify would look as trustworthy as one that does.
      if (verdict.status !== 'intact') {
        io.err(verdictLine(verdict, lang, engine().rulebook));
        return code;
      }
      const csv = eventsCsv({ events: verdict.bundle.events, snapshot: verdict.snapshot, rulebook: engine().rulebook, lang });
      if (!values.out) {
        (io.write ?? io.out)(csv);
        return EXIT.ok;
      }
      await writeFile(values.out, csv);
      io.out(
        lang === 'de'
          ? `CSV geschrieben: ${values.out} (${verdict.bundle.events.length} Zeilen und Kopfzeile)`
          : `CSV written: ${values.out} (${verdict.bundle.events.length} rows and a header)`,
      );
      return EXIT.ok;
    }
    default:
      return usage(lang === 'de' ? `Unbekannter Befehl: ${command}` : `unknown command: ${command}`);
  }
}
