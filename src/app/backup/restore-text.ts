/** Why a backup could not be restored, in German or English, always saying that nothing changed. */

import type { RestoreProblem } from '../../db/backup.ts';
import type { ProcessEngine } from '../../domain/process-engine.ts';
import { bundleFileProblemText } from '../../i18n/bundle-file.ts';
import { jsonProblemText } from '../../i18n/json-problems.ts';
import type { Lang } from '../../i18n/lang.ts';
import { STORAGE_MESSAGES } from '../../i18n/storage.ts';
import { verdictLine } from '../../i18n/verdict.ts';

export function restoreProblemText(problem: RestoreProblem, lang: Lang, engine: ProcessEngine): string {
  const de = lang === 'de';
  const unchanged = de
    ? 'Es wurde nichts gespeichert; die Daten auf diesem Gerät sind unverändert.'
    : 'Nothing was saved; the data on this device is unchanged.';
  let what: string;
  switch (problem.code) {
    case 'notBackup':
      what = de
        ? 'Die Datei ist keine Ankerpunkt-Sicherung (backup.json fehlt oder ist falsch)'
        : 'The file is not an Ankerpunkt backup (backup.json missing or wrong)';
      break;
    case 'wrongVersion':
      what = de
        ? `Sicherungsformat ${JSON.stringify(problem.got)} wird nicht unterstützt (erwartet 1)`
        : `backup format ${JSON.stringify(problem.got)} is not supported (expected 1)`;
      break;
    case 'json':
      what = `„${problem.entry}“: ${problem.problem.code === 'tooLarge' ? (de ? 'zu groß' : 'too large') : jsonProblemText(problem.problem, lang)}`;
      break;
    case 'schema':
      what = de
        ? `Schemafehler in „${problem.entry}“ bei ${problem.path || '(Wurzel)'}: ${problem.message}`
        : `schema error in "${problem.entry}" at ${problem.path || '(root)'}: ${problem.message}`;
      break;
    case 'entryMissing':
      what = de ? `Die Sicherung enthält „${problem.entry}“ nicht` : `The backup does not contain "${problem.entry}"`;
      break;
    case 'processBroken':
      what = `${de ? 'Protokoll des Prozesses' : 'Log of process'} ${problem.processId}: ${verdictLine(
        { status: 'broken', event: { seq: problem.seq, id: '', type: '' }, problem: problem.problem },
        lang,
        engine.rulebook,
      )
        .replace(/ \(, \)/, '')
        .replace(/^[^:]+: /, '')}`;
      break;
    case 'fileMismatch':
      what = de
        ? `Die Nachweisdatei ${problem.sha256.slice(0, 12)}… passt nicht zu ihrem Fingerabdruck`
        : `Evidence file ${problem.sha256.slice(0, 12)}… does not match its digest`;
      break;
    case 'processDiffers':
      what = de
        ? `Der Prozess „${problem.agencyName}“ (${problem.processId}) liegt auf diesem Gerät mit einem anderen Protokoll als in der Sicherung. Die Wiederherstellung würde eines von beiden verlieren und wurde abgebrochen`
        : `Process "${problem.agencyName}" (${problem.processId}) is on this device with a different log than in the backup. Restoring would lose one of them and was stopped`;
      break;
    case 'storage':
      return STORAGE_MESSAGES[problem.problem.code][lang];
    default:
      what = bundleFileProblemText(problem, lang, engine.rulebook).replace(/^[^:]+: /, '');
  }
  return `${what}. ${unchanged}`;
}
