/**
 * Texts for sign-off files: the buttons, and every reason a file is refused. Each refusal says
 * what is wrong and that nothing was changed; refusals the engine gives (four eyes, role, key,
 * signature, request state) come from src/i18n/reasons.ts instead.
 */
import type { ExportProblem, OpenRequestProblem } from '../../db/signoff-files.ts';
import type { ResponseProblem } from '../../domain/signoff-exchange.ts';
import { isJsonProblem, jsonProblemText } from '../../i18n/json-problems.ts';

const mb = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;
const kb = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;
const size = (bytes: number) => (bytes >= 1024 * 1024 ? mb(bytes) : kb(bytes));

type AnyProblem = OpenRequestProblem | ResponseProblem | ExportProblem;

const KIND_DE: Record<string, string> = {
  request: 'ein Freigabeantrag',
  response: 'eine Antwort auf einen Freigabeantrag',
  bundle: 'ein Prüfpaket (Export des ganzen Prozesses)',
  unknown: 'keine Datei von Ankerpunkt',
};
const KIND_EN: Record<string, string> = {
  request: 'a sign-off request',
  response: 'a response to a sign-off request',
  bundle: 'an audit bundle (export of a whole process)',
  unknown: 'not an Ankerpunkt file',
};

function problemDe(p: AnyProblem): string {
  if (isJsonProblem(p)) return `${jsonProblemText(p, 'de')}.`;
  switch (p.code) {
    case 'tooLarge':
      return `Die Datei ist zu groß (${size(p.bytes)}; höchstens ${size(p.limit)}).`;
    case 'wrongFormat':
      return `Die Datei ist ${KIND_DE[p.got]}, erwartet wird ${KIND_DE[p.expected]}.`;
    case 'wrongVersion':
      return `Die Datei hat die Formatversion ${String(p.got)}; diese Ankerpunkt-Version liest Version 1. Bitte Ankerpunkt aktualisieren.`;
    case 'schema':
      return `Die Datei ist unvollständig oder verändert (${p.issues.map((i) => i.path || 'Datei').join(', ')}).`;
    case 'bundleInvalid':
      return 'Der Prozess in der Datei ist unvollständig oder kein gültiger Prüfpfad.';
    case 'bundleBroken':
      return p.seq === null
        ? 'Der Prüfpfad in der Datei ist nicht vollständig oder nicht von einer eingetragenen Person signiert. Die Datei wurde verändert oder ist unvollständig.'
        : `Der Prüfpfad in der Datei ist ab Eintrag ${p.seq} gebrochen: Die Datei wurde verändert.`;
    case 'fileDigestMismatch':
      return `Die mitgeschickte Datei „${p.name}“ passt nicht zu ihrer Prüfsumme im Prüfpfad: Sie wurde verändert.`;
    case 'fileNotCovered':
      return `Die Datei enthält „${p.name}“, das nicht zum Freigabeantrag gehört.`;
    case 'requestNotFound':
      return 'Den Freigabeantrag dieser Datei gibt es im Prozess nicht.';
    case 'requestNotOpen':
      return 'Über diesen Freigabeantrag ist bereits entschieden, oder er wurde durch einen neueren ersetzt.';
    case 'ownProcess':
      return 'Dieser Prozess wird auf diesem Gerät selbst geführt. Bitte dort in der Übersicht entscheiden; eine Datei ist nicht nötig.';
    case 'olderThanCopy':
      return 'Auf diesem Gerät liegt schon ein neuerer Stand dieses Prozesses (aus einem späteren Freigabeantrag). Die ältere Datei wurde nicht geöffnet.';
    case 'storage':
      return 'Speichern ist fehlgeschlagen.';
    case 'notStored':
      return 'Die Datei ließ sich nicht speichern.';
    case 'wrongProcess':
      return 'Diese Antwort gehört zu einem anderen Prozess.';
    case 'alreadyImported':
      return 'Diese Antwort ist bereits eingelesen.';
    case 'alteredCopy':
      return 'Diese Datei ist eine veränderte Kopie einer bereits eingelesenen Antwort: sie wurde nach dem Signieren bearbeitet. Sie wurde nicht eingelesen; es wurde nichts geändert.';
  }
}

function problemEn(p: AnyProblem): string {
  if (isJsonProblem(p)) return `${jsonProblemText(p, 'en')}.`;
  switch (p.code) {
    case 'tooLarge':
      return `The file is too large (${size(p.bytes)}; at most ${size(p.limit)}).`;
    case 'wrongFormat':
      return `The file is ${KIND_EN[p.got]}; expected is ${KIND_EN[p.expected]}.`;
    case 'wrongVersion':
      return `The file has format version ${String(p.got)}; this version of Ankerpunkt reads version 1. Please update Ankerpunkt.`;
    case 'schema':
      return `The file is incomplete or altered (${p.issues.map((i) => i.path || 'file').join(', ')}).`;
    case 'bundleInvalid':
      return 'The process in the file is incomplete or not a valid audit trail.';
    case 'bundleBroken':
      return p.seq === null
        ? 'The audit trail in the file is incomplete or not signed by a registered person. The file was altered or cut short.'
        : `The audit trail in the file breaks at entry ${p.seq}: the file was altered.`;
    case 'fileDigestMismatch':
      return `The enclosed file “${p.name}” does not match its digest in the audit trail: it was altered.`;
    case 'fileNotCovered':
      return `The file contains “${p.name}”, which is not part of the sign-off request.`;
    case 'requestNotFound':
      return 'The process has no sign-off request of this file.';
    case 'requestNotOpen':
      return 'This sign-off request has been decided already, or a newer one replaced it.';
    case 'ownProcess':
      return 'This process is kept on this device. Please decide in its overview; no file is needed.';
    case 'olderThanCopy':
      return 'This device already holds a newer state of this process (from a later sign-off request). The older file was not opened.';
    case 'storage':
      return 'Saving failed.';
    case 'notStored':
      return 'The file could not be stored.';
    case 'wrongProcess':
      return 'This response belongs to another process.';
    case 'alreadyImported':
      return 'This response has been read in already.';
    case 'alteredCopy':
      return 'This file is an altered copy of a response already read in: it was edited after signing. It was not read in; nothing was changed.';
  }
}

export const exchangeMessages = {
  de: {
    problem: problemDe,
    nothingChanged: 'Es wurde nichts geändert.',
    notRead: 'Nicht eingelesen.',
    // the ambassador's side
    exportRequest: 'Freigabeantrag als Datei speichern',
    exportHint:
      'Für eine Geschäftsführung an einem anderen Gerät: Die Datei enthält den Prüfpfad und die Nachweise dieses Antrags. Geben Sie sie ihr (z. B. per E-Mail); sie prüft und entscheidet in ihrem eigenen Ankerpunkt.',
    exported: (name: string) => `Freigabeantrag gespeichert: ${name}.`,
    exporting: 'Datei wird erstellt …',
    exporterNotRegistered:
      'Speichern kann nur eine Person, die in diesem Prozess mit ihrem gültigen Schlüssel eingetragen ist; wechseln Sie in den Einstellungen zu ihr.',
    missingFiles: (names: string) => `Nicht auf diesem Gerät vorhanden und daher nur mit Prüfsumme enthalten: ${names}.`,
    importResponse: 'Antwort der Geschäftsführung einlesen',
    importHint: 'Die Antwortdatei (freigabeantwort-….json) wählen.',
    dropHint: 'Oder Datei hierher ziehen.',
    imported: (decision: string, name: string) => `Eingelesen: ${decision} von ${name}.`,
    alreadyImported: 'Diese Antwort ist bereits eingelesen; es wurde nichts doppelt gespeichert.',
    granted: 'Freigabe erteilt',
    refused: 'Freigabe abgelehnt',
    // the director's side
    openRequest: 'Freigabeantrag öffnen',
    openHint: 'Die Datei freigabeantrag-….json wählen. Sie wird vollständig geprüft und als Kopie nur zum Lesen gespeichert.',
    opening: 'Wird geprüft …',
    opened: 'Freigabeantrag geprüft und geöffnet.',
    toOwnProcess: 'Zum Prozess auf diesem Gerät',
    responseTitle: 'Ihre Entscheidung als Datei',
    responseHint:
      'Dieser Prozess ist eine Kopie. Ihre Entscheidung wird signiert und als Antwortdatei gespeichert; geben Sie sie der IKBO zurück. Sie zählt, sobald sie dort eingelesen ist.',
    grantToFile: 'Freigeben und Antwortdatei speichern',
    refuseToFile: 'Ablehnen und Antwortdatei speichern',
    savedResponse: (name: string) => `Antwortdatei gespeichert: ${name}. Bitte der IKBO geben.`,
    notSaved: 'Nicht gespeichert.',
    reviewEvidence: 'Nachweise ansehen (Vorschau und Download)',
  },
  en: {
    problem: problemEn,
    nothingChanged: 'Nothing was changed.',
    notRead: 'Not read in.',
    exportRequest: 'Save sign-off request as a file',
    exportHint:
      'For a managing director on another device: the file holds the audit trail and the evidence of this request. Hand it over (e.g. by e-mail); they check and decide in their own Ankerpunkt.',
    exported: (name: string) => `Sign-off request saved: ${name}.`,
    exporting: 'Creating the file …',
    exporterNotRegistered: 'Only a person registered in this process with a valid key can save it; switch to them in Settings.',
    missingFiles: (names: string) => `Not on this device, so included only by digest: ${names}.`,
    importResponse: "Read in the managing director's response",
    importHint: 'Choose the response file (freigabeantwort-….json).',
    dropHint: 'Or drop the file here.',
    imported: (decision: string, name: string) => `Read in: ${decision} by ${name}.`,
    alreadyImported: 'This response has been read in already; nothing was saved twice.',
    granted: 'sign-off granted',
    refused: 'sign-off refused',
    openRequest: 'Open a sign-off request',
    openHint: 'Choose the file freigabeantrag-….json. It is checked in full and stored as a read-only copy.',
    opening: 'Checking …',
    opened: 'Sign-off request checked and opened.',
    toOwnProcess: 'To the process on this device',
    responseTitle: 'Your decision as a file',
    responseHint:
      'This process is a copy. Your decision is signed and saved as a response file; hand it back to the ambassador. It counts once it has been read in there.',
    grantToFile: 'Grant and save response file',
    refuseToFile: 'Refuse and save response file',
    savedResponse: (name: string) => `Response file saved: ${name}. Please hand it to the ambassador.`,
    notSaved: 'Not saved.',
    reviewEvidence: 'View the evidence (preview and download)',
  },
};
