/**
 * What is wrong with a bundle file, in one line of German or English. Problems the command line
 * also knows (not JSON, wrong version, schema, a broken log) are worded by the same
 * `verdictLine` as the command line's (./verdict.ts), so the app and `ankerpunkt verify` say the same; the ZIP and prototype checks
 * the app adds are worded here in the same style.
 */
import type { Rulebook } from '../../standards/rulebook.ts';
import type { BundleFileProblem } from '../domain/import/bundle-file.ts';
import type { EvidenceFileStatus } from '../domain/import/check-bundle.ts';
import type { LocalField, StrayBytes, ZipProblem } from '../domain/import/zip-reader.ts';
import type { InvalidProblem } from '../domain/verify.ts';
import { isJsonProblem } from './json-problems.ts';
import { type Lang, localeOf } from './lang.ts';
import { verdictLine } from './verdict.ts';

const number = (n: number, lang: Lang) => new Intl.NumberFormat(localeOf(lang)).format(n);
const mb = (bytes: number, lang: Lang) => `${number(Math.round(bytes / (1024 * 1024)), lang)} MB`;

function zipText(problem: ZipProblem, lang: Lang): string {
  const de = lang === 'de';
  switch (problem.code) {
    case 'zipFileTooLarge':
      return de
        ? `ZIP-Datei ist zu groß (${mb(problem.bytes, lang)}, höchstens ${mb(problem.limit, lang)})`
        : `ZIP file is too large (${mb(problem.bytes, lang)}, at most ${mb(problem.limit, lang)})`;
    case 'zipCorrupt':
      if (problem.stray) return strayText(problem.stray, lang);
      return de ? `ZIP-Datei ist beschädigt (${problem.detail})` : `ZIP file is damaged (${problem.detail})`;
    case 'zipTooManyEntries':
      return de
        ? `ZIP-Datei enthält ${number(problem.count, lang)} Einträge, höchstens ${number(problem.limit, lang)} sind erlaubt`
        : `ZIP file holds ${number(problem.count, lang)} entries, at most ${number(problem.limit, lang)} are allowed`;
    case 'zipTotalTooLarge':
      return de
        ? `ZIP-Datei würde entpackt mehr als ${mb(problem.limit, lang)} ergeben`
        : `ZIP file would unpack to more than ${mb(problem.limit, lang)}`;
    case 'zipBomb':
      return de
        ? `Eintrag „${problem.name}“ ist ${number(problem.ratio, lang)}-fach verdichtet (höchstens ${problem.limit}-fach): mutmaßlich eine Zip-Bombe`
        : `entry "${problem.name}" is compressed ${number(problem.ratio, lang)} to 1 (at most ${problem.limit} to 1): presumably a zip bomb`;
    case 'zipUnsafeName':
      return de
        ? `Eintrag „${problem.name}“ hat einen unzulässigen Pfad (verweist aus dem Ordner heraus oder auf ein Laufwerk)`
        : `entry "${problem.name}" has a forbidden path (points outside the folder or to a drive)`;
    case 'zipNameEncoding':
      return problem.flagged
        ? de
          ? `Eintrag „${problem.name}“ ist als UTF-8 gekennzeichnet, sein Name ist aber kein gültiges UTF-8`
          : `entry "${problem.name}" is flagged as UTF-8, but its name is not valid UTF-8`
        : de
          ? `Eintrag „${problem.name}“ hat Sonderzeichen im Namen, aber keine UTF-8-Kennzeichnung: andere Programme könnten ihn anders lesen`
          : `entry "${problem.name}" has non-ASCII characters in its name but no UTF-8 flag: other programs could read it differently`;
    case 'zipLocalMismatch':
      return localMismatchText(problem, lang);
    case 'zipCrcMismatch':
      return de
        ? `Eintrag „${problem.name}“ ist beschädigt: seine Prüfsumme (CRC-32) stimmt nicht`
        : `entry "${problem.name}" is damaged: its checksum (CRC-32) does not match`;
    case 'zipDuplicateName':
      return de ? `Eintrag „${problem.name}“ kommt doppelt vor` : `entry "${problem.name}" occurs twice`;
    case 'zipEncrypted':
      return de ? `Eintrag „${problem.name}“ ist verschlüsselt` : `entry "${problem.name}" is encrypted`;
    case 'zipUnsupported':
      return de
        ? `ZIP-Format wird nicht unterstützt (${problem.detail}${problem.name ? `, ${problem.name}` : ''})`
        : `ZIP format not supported (${problem.detail}${problem.name ? `, ${problem.name}` : ''})`;
  }
}

/** Bytes that belong to no part of the archive: a place where another program could read something else. */
function strayText(stray: StrayBytes, lang: Lang): string {
  const de = lang === 'de';
  const n = number(stray.bytes, lang);
  switch (stray.where) {
    case 'afterEndRecord':
      return de
        ? `ZIP-Datei ist beschädigt: nach ihrem Ende (dem Abschluss des Inhaltsverzeichnisses) folgen noch ${n} Bytes`
        : `ZIP file is damaged: ${n} bytes follow its end (the end of the central directory)`;
    case 'beforeEndRecord':
      return de
        ? `ZIP-Datei ist beschädigt: zwischen dem Inhaltsverzeichnis und seinem Abschluss stehen ${n} Bytes, die zu nichts gehören`
        : `ZIP file is damaged: ${n} bytes between the central directory and its end belong to nothing`;
    case 'beforeDirectory':
      return de
        ? `ZIP-Datei ist beschädigt: vor dem Inhaltsverzeichnis stehen ${n} Bytes, die zu keinem Eintrag gehören`
        : `ZIP file is damaged: ${n} bytes before the central directory belong to no entry`;
    case 'beforeEntry':
      return de
        ? `ZIP-Datei ist beschädigt: vor dem Eintrag „${stray.entry}“ stehen ${n} Bytes, die zu keinem Eintrag gehören`
        : `ZIP file is damaged: ${n} bytes before the entry "${stray.entry}" belong to no entry`;
  }
}

const LOCAL_FIELD: Record<Exclude<LocalField, 'name'>, { de: string; en: string }> = {
  method: { de: 'das Kompressionsverfahren', en: 'the compression method' },
  flags: { de: 'die Kennzeichen (Verschlüsselung oder UTF-8)', en: 'the flags (encryption or UTF-8)' },
  crc32: { de: 'die Prüfsumme (CRC-32)', en: 'the checksum (CRC-32)' },
  compressedSize: { de: 'die gepackte Größe', en: 'the compressed size' },
  size: { de: 'die Größe', en: 'the size' },
  descriptor: { de: 'der Datennachsatz (Prüfsumme und Größen)', en: 'the data descriptor (checksum and sizes)' },
};

/** The entry's own header says something else than the directory: two programs would read two different entries. */
function localMismatchText(problem: Extract<ZipProblem, { code: 'zipLocalMismatch' }>, lang: Lang): string {
  const de = lang === 'de';
  if (problem.field === 'name') {
    return de
      ? `Eintrag „${problem.name}“ heißt in seinem eigenen Kopf „${problem.localName}“: andere Programme könnten ihn unter diesem Namen entpacken`
      : `entry "${problem.name}" is called "${problem.localName}" in its own header: other programs could unpack it under that name`;
  }
  const field = LOCAL_FIELD[problem.field][lang];
  return de
    ? `Eintrag „${problem.name}“: ${field} im Eintrag selbst weicht vom Inhaltsverzeichnis ab`
    : `entry "${problem.name}": ${field} in the entry itself differs from the central directory`;
}

/** One line for a file that could not be read as a bundle at all. */
export function bundleFileProblemText(problem: BundleFileProblem, lang: Lang, rulebook: Rulebook): string {
  const de = lang === 'de';
  const prefix = de ? 'KEIN GÜLTIGES BUNDLE' : 'NOT A VALID BUNDLE';
  if (isJsonProblem(problem)) return verdictLine({ status: 'invalid', problem }, lang, rulebook);
  switch (problem.code) {
    case 'zipNoBundle':
      return de ? `${prefix}: ZIP-Datei enthält keine bundle.json` : `${prefix}: ZIP file holds no bundle.json`;
    case 'zipBundleNotFirst':
      return de
        ? `${prefix}: bundle.json ist nicht der erste Eintrag der ZIP-Datei (zuerst steht „${problem.first}“)`
        : `${prefix}: bundle.json is not the first entry of the ZIP file ("${problem.first}" comes first)`;
    case 'tooLarge':
    case 'notBundle':
    case 'wrongVersion':
    case 'schema':
      return verdictLine({ status: 'invalid', problem: problem as InvalidProblem }, lang, rulebook);
    default:
      return `${prefix}: ${zipText(problem, lang)}`;
  }
}

export const EVIDENCE_STATUS: Record<EvidenceFileStatus, { de: string; en: string; icon: string }> = {
  ok: { de: 'stimmt', en: 'matches', icon: '✓' },
  mismatch: { de: 'passt nicht zur Prüfsumme', en: 'does not match its digest', icon: '✗' },
  missing: { de: 'nicht enthalten', en: 'not included', icon: '○' },
  erased: { de: 'gelöscht (laut Protokoll)', en: 'erased (per the log)', icon: '⌫' },
  erasedButPresent: { de: 'laut Protokoll gelöscht, aber enthalten', en: 'erased per the log, but included', icon: '⚠' },
  notInIndex: { de: 'nicht im Verzeichnis (wird nicht übernommen)', en: 'not in the index (not imported)', icon: '–' },
};
