/**
 * What is wrong with a bundle file, in one line of German or English. Problems the command line
 * also knows (not JSON, wrong version, schema, a broken log) are worded by the command line's own
 * `verdictLine`, so the app and `ankerpunkt verify` say the same; the ZIP and prototype checks
 * the app adds are worded here in the same style.
 */
import type { Rulebook } from '../../../standards/rulebook.ts';
import { verdictLine } from '../../cli/verdict-text.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { InvalidProblem } from '../verify.ts';
import type { BundleFileProblem } from './bundle-file.ts';
import type { EvidenceFileStatus } from './check-bundle.ts';
import type { ZipProblem } from './zip-reader.ts';

const number = (n: number, lang: Lang) => new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB').format(n);
const mb = (bytes: number, lang: Lang) => `${number(Math.round(bytes / (1024 * 1024)), lang)} MB`;

function zipText(problem: ZipProblem, lang: Lang): string {
  const de = lang === 'de';
  switch (problem.code) {
    case 'zipFileTooLarge':
      return de
        ? `ZIP-Datei ist zu groß (${mb(problem.bytes, lang)}, höchstens ${mb(problem.limit, lang)})`
        : `ZIP file is too large (${mb(problem.bytes, lang)}, at most ${mb(problem.limit, lang)})`;
    case 'zipCorrupt':
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

/** One line for a file that could not be read as a bundle at all. */
export function bundleFileProblemText(problem: BundleFileProblem, lang: Lang, rulebook: Rulebook): string {
  const de = lang === 'de';
  const prefix = de ? 'KEIN GÜLTIGES BUNDLE' : 'NOT A VALID BUNDLE';
  switch (problem.code) {
    case 'zipNoBundle':
      return de ? `${prefix}: ZIP-Datei enthält keine bundle.json` : `${prefix}: ZIP file holds no bundle.json`;
    case 'bom':
    case 'notUtf8':
    case 'notJson':
    case 'duplicateKey':
    case 'notInteger':
    case 'loneSurrogate':
    case 'pollutingKey':
    case 'tooDeep':
    case 'tooDense':
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
  missing: { de: 'fehlt', en: 'missing', icon: '?' },
  erased: { de: 'gelöscht (laut Protokoll)', en: 'erased (per the log)', icon: '⌫' },
  notInIndex: { de: 'nicht im Verzeichnis (wird nicht übernommen)', en: 'not in the index (not imported)', icon: '–' },
};
