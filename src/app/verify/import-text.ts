/** Why an import was refused, in one line of German or English: what is wrong, and that nothing changed. */
import type { Rulebook } from '../../../standards/rulebook.ts';
import type { ImportProblem } from '../../db/import-store.ts';
import { bundleFileProblemText } from '../../i18n/bundle-file.ts';
import type { Lang } from '../../i18n/lang.ts';
import { STORAGE_MESSAGES } from '../../i18n/storage.ts';
import { verdictLine } from '../../i18n/verdict.ts';

const UNCHANGED = {
  de: 'Es wurde nichts gespeichert; die Daten auf diesem Gerät sind unverändert.',
  en: 'Nothing was saved; the data on this device is unchanged.',
};

export function importProblemText(problem: ImportProblem, lang: Lang, rulebook: Rulebook): string {
  const de = lang === 'de';
  let what: string;
  switch (problem.code) {
    case 'broken':
      what = verdictLine(problem.verdict, lang, rulebook);
      break;
    case 'evidenceMismatch':
      what = de
        ? `${problem.digests.length === 1 ? 'Ein Nachweis passt' : `${problem.digests.length} Nachweise passen`} nicht zu ${problem.digests.length === 1 ? 'seiner' : 'ihrer'} Prüfsumme im Protokoll (${problem.digests.map((d) => `${d.slice(0, 12)}…`).join(', ')}): die Datei wurde verändert oder ausgetauscht`
        : `${problem.digests.length === 1 ? 'An evidence file does' : `${problem.digests.length} evidence files do`} not match the digest in the log (${problem.digests.map((d) => `${d.slice(0, 12)}…`).join(', ')}): the file was changed or replaced`;
      break;
    case 'exists':
      what = problem.sameHead
        ? de
          ? `Der Prozess ${problem.processId} ist bereits genau so auf diesem Gerät`
          : `Process ${problem.processId} is already on this device, exactly as in the file`
        : de
          ? `Der Prozess ${problem.processId} wird bereits auf diesem Gerät geführt; er wird nicht überschrieben`
          : `Process ${problem.processId} is already kept on this device; it is not overwritten`;
      break;
    case 'notExtending':
      what =
        problem.status === 'older'
          ? de
            ? `Auf diesem Gerät liegt schon eine neuere Kopie dieses Prozesses (${problem.storedCount} Ereignisse, die Datei hat ${problem.newCount}); sie bleibt`
            : `This device already holds a newer copy of this process (${problem.storedCount} events, the file has ${problem.newCount}); it stays`
          : de
            ? `Die Datei setzt die Kopie auf diesem Gerät nicht fort: ab Ereignis ${problem.seq} weichen sie ab (umgeschrieben oder ein anderer Verlauf). Die Kopie bleibt; prüfen Sie beide Exporte mit „Mit einem früheren Export vergleichen“`
            : `The file does not continue the copy on this device: they differ from event ${problem.seq} on (rewritten, or another history). The copy stays; check both exports with "Compare with an earlier export"`;
      break;
    case 'storage':
      // These already say that nothing was saved.
      return STORAGE_MESSAGES[problem.problem.code][lang];
    default:
      what = bundleFileProblemText(problem, lang, rulebook);
  }
  return `${what}. ${UNCHANGED[lang]}`;
}
