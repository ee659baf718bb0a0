/**
 * `ankerpunkt`: the command line for auditors and administrators.
 *   demo --out FILE     write the demo process as an audit bundle (FILE.zip: the ZIP form with
 *                       its evidence files, as the app exports it)
 *   verify FILE         check chain, every event's signature, head and replay, and for a ZIP every
 *                       evidence file; exit 0 intact, 1 broken, 2 not a bundle. --trust FINGERPRINT
 *                       pins the founder's key (NAME=FINGERPRINT a person's); --extends OLD checks
 *                       that FILE continues an earlier export
 *   report FILE         print the process report (German; --lang en for English)
 *   csv FILE            the log as a CSV table for Excel (to stdout, or --out FILE)
 * Errors are one line on stderr, never a stack trace.
 */
import { openAsBlob } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { founderKeyIdOf } from '../domain/attribution.ts';
import { nodeSha256Hex } from '../domain/crypto/node-sha256.ts';
import { eventsCsv } from '../domain/export/csv.ts';
import { type CheckedFile, checkBundleFile, type EvidenceFileRow } from '../domain/import/check-bundle.ts';
import { engine } from '../domain/process-engine.ts';
import { buildReport } from '../domain/report.ts';
import { checkTrust, compareExports, isTrusted, parseTrustAnchor, type TrustAnchor } from '../domain/trust.ts';
import type { Verdict } from '../domain/verify.ts';
import { bundleFileProblemText } from '../i18n/bundle-file.ts';
import { isLang, type Lang } from '../i18n/lang.ts';
import { continuityLine, trustLines, verdictLine } from '../i18n/verdict.ts';
import { demoCommand } from './demo-command.ts';
import { evidenceLines } from './evidence-text.ts';
import { overviewCommand } from './overview-command.ts';
import { reportText } from './report-text.ts';

export const EXIT = { ok: 0, broken: 1, invalid: 2, usage: 2, internal: 3 } as const;

const USAGE = {
  de: `Aufruf:
  ankerpunkt demo --out DATEI        Demo-Prozess als Audit-Bundle schreiben (DATEI.zip: mit Nachweisdateien)
  ankerpunkt verify DATEI            Bundle (JSON oder ZIP) prüfen (0 intakt, 1 gebrochen, 2 kein gültiges Bundle)
      [--trust FINGERABDRUCK]...     bekannter Gründungsschlüssel (oder NAME=FINGERABDRUCK einer Person)
      [--extends FRÜHERER-EXPORT]    prüfen, dass DATEI einen früheren Export fortsetzt
  ankerpunkt report DATEI            Prozessbericht ausgeben
  ankerpunkt csv DATEI [--out CSV]   Protokoll als CSV-Tabelle für Excel (Semikolon, UTF-8)
  ankerpunkt overview DATEI|ORDNER... [--csv CSV]   Übersicht Region: viele Bundles nebeneinander
Optionen: --lang de|en (Standard: de), --at ZEITPUNKT (Stichtag des Berichts, ISO 8601)`,
  en: `Usage:
  ankerpunkt demo --out FILE         write the demo process as an audit bundle (FILE.zip: with evidence files)
  ankerpunkt verify FILE             verify a bundle, JSON or ZIP (0 intact, 1 broken, 2 not a valid bundle)
      [--trust FINGERPRINT]...       a known founder's key (or NAME=FINGERPRINT of a person)
      [--extends EARLIER-EXPORT]     check that FILE continues an earlier export
  ankerpunkt report FILE             print the process report
  ankerpunkt csv FILE [--out CSV]    the log as a CSV table for Excel (semicolons, UTF-8)
  ankerpunkt overview FILE|FOLDER... [--csv CSV]   regional overview: many bundles side by side
Options: --lang de|en (default: de), --at TIME (report date, ISO 8601)`,
};

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Writes text exactly as given (no line end added): for file content such as CSV on stdout. */
  write?: (text: string) => void;
}

interface FileVerdict {
  code: number;
  /** Null when the file could not be read, or was not a bundle (already reported). */
  verdict: Verdict | null;
  file: CheckedFile | null;
  /** For a ZIP: each evidence file against the digest the log records. */
  evidence: EvidenceFileRow[] | null;
}

/**
 * Reads a bundle file (JSON or ZIP, told apart by its first bytes) exactly as the app's verify
 * screen does, so both give the same verdict. The file is opened as a Blob backed by the disk:
 * a large ZIP is read entry by entry, never loaded whole.
 */
async function verifyFile(path: string, lang: Lang, io: Io): Promise<FileVerdict> {
  let blob: Blob;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    blob = await openAsBlob(path);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    io.err(lang === 'de' ? `Datei kann nicht gelesen werden: ${path} (${why})` : `cannot read file: ${path} (${why})`);
    return { code: EXIT.invalid, verdict: null, file: null, evidence: null };
  }
  const eng = engine();
  const check = await checkBundleFile(eng, blob, nodeSha256Hex);
  if (!check.ok) {
    io.err(bundleFileProblemText(check.problem, lang, eng.rulebook));
    return { code: EXIT.invalid, verdict: null, file: null, evidence: null };
  }
  const { verdict, evidence } = check;
  // Only a file that is there and wrong breaks the bundle: one left out (the exporting device did
  // not have it) is reported as not included, as the format allows.
  const evidenceBroken = (evidence ?? []).some((row) => row.status === 'mismatch');
  const code =
    verdict.status === 'broken' || (verdict.status === 'intact' && evidenceBroken)
      ? EXIT.broken
      : verdict.status === 'intact'
        ? EXIT.ok
        : EXIT.invalid;
  return { code, verdict, file: check.file, evidence };
}

export async function run(argv: string[], io: Io): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: {
        out: { type: 'string' };
        lang: { type: 'string' };
        at: { type: 'string' };
        trust: { type: 'string'; multiple: true };
        extends: { type: 'string' };
        csv: { type: 'string' };
        help: { type: 'boolean'; short: 'h' };
      };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        lang: { type: 'string' },
        at: { type: 'string' },
        trust: { type: 'string', multiple: true },
        extends: { type: 'string' },
        csv: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
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
      return demoCommand(values.out, lang, io);
    }
    case 'verify': {
      if (!file || extra.length > 0) return usage(lang === 'de' ? 'verify braucht genau eine DATEI' : 'verify needs exactly one FILE');
      const anchors: TrustAnchor[] = [];
      for (const text of values.trust ?? []) {
        const anchor = parseTrustAnchor(text);
        if (!anchor) {
          return usage(
            lang === 'de'
              ? `--trust: kein Fingerabdruck (32 Hex-Ziffern, Leerzeichen erlaubt): ${text}`
              : `--trust: not a fingerprint (32 hex digits, spaces allowed): ${text}`,
          );
        }
        anchors.push(anchor);
      }
      const checked = await verifyFile(file, lang, io);
      const { verdict, evidence } = checked;
      let { code } = checked;
      if (!verdict) return code;
      const ignored = checked.file?.kind === 'zip' ? checked.file.ignored : [];
      const lines = [verdictLine(verdict, lang, engine().rulebook), ...(evidence ? evidenceLines(evidence, ignored, lang) : [])];
      // An intact log with evidence files that are not what it records is not an intact bundle.
      const headlines: string[] = [];
      if (code === EXIT.broken && verdict.status === 'intact') {
        headlines.push(
          lang === 'de'
            ? 'GEBROCHEN: Nachweisdateien im ZIP stimmen nicht mit dem Protokoll überein (das Protokoll selbst ist intakt)'
            : 'BROKEN: evidence files in the ZIP do not match the log (the log itself is intact)',
        );
      }
      if (verdict.status === 'intact' && anchors.length > 0) {
        const results = checkTrust(verdict.snapshot.context, verdict.summary.attribution, anchors);
        lines.push(...trustLines(results, lang));
        if (!results.every(isTrusted)) {
          code = EXIT.broken;
          headlines.push(
            lang === 'de'
              ? 'NICHT VERTRAUT: intakt signiert, aber nicht mit den Schlüsseln, die Sie kennen (siehe unten)'
              : 'NOT TRUSTED: intact and signed, but not with the keys you know (see below)',
          );
        }
      }
      if (verdict.status === 'intact' && values.extends) {
        const earlier = await verifyFile(values.extends, lang, io);
        if (!earlier.verdict) return earlier.code;
        if (earlier.verdict.status !== 'intact') {
          io.err(
            `${lang === 'de' ? 'Früherer Export' : 'Earlier export'} ${values.extends}: ${verdictLine(earlier.verdict, lang, engine().rulebook)}`,
          );
          return EXIT.broken;
        }
        const continuity = compareExports(
          { processId: earlier.verdict.summary.processId, events: earlier.verdict.bundle.events },
          { processId: verdict.summary.processId, events: verdict.bundle.events },
        );
        lines.push(continuityLine(continuity, lang));
        if (continuity.status !== 'extends') {
          code = EXIT.broken;
          headlines.push(continuityLine(continuity, lang));
        }
      }
      (code === EXIT.ok ? io.out : io.err)([...headlines, ...lines].join('\n'));
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
      const chain = {
        eventCount: verdict.bundle.events.length,
        headHash: verdict.bundle.head.headHash,
        founderKeyId: founderKeyIdOf(verdict.bundle.events),
      };
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
    case 'overview': {
      if (!file)
        return usage(
          lang === 'de' ? 'overview braucht mindestens eine DATEI oder einen ORDNER' : 'overview needs at least one FILE or FOLDER',
        );
      const asOf = values.at ? new Date(values.at) : new Date();
      if (Number.isNaN(asOf.getTime()))
        return usage(lang === 'de' ? `--at ist kein Zeitpunkt: ${values.at}` : `--at is not a time: ${values.at}`);
      return overviewCommand([file, ...extra], { lang, csv: values.csv, asOf: asOf.toISOString() }, io, (path) =>
        verifyFile(path, lang, io),
      );
    }
    default:
      return usage(lang === 'de' ? `Unbekannter Befehl: ${command}` : `unknown command: ${command}`);
  }
}
