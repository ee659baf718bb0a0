/**
 * What each kind of event does, in words, for sentences about who may do it: never the internal
 * event name ("SignOffRequested") in a text a person reads.
 */
import type { EventType } from '../../machines/process/process.events.ts';
import type { Lang } from './lang.ts';

/** `de` as a noun phrase ("Das Beantragen einer Freigabe"), `en` as a verb phrase ("request a sign-off"). */
const ACTIONS: Record<EventType, { de: string; en: string; deList: string }> = {
  ProcessOpened: { de: 'Das Eröffnen des Prozesses', deList: 'den Prozess eröffnen', en: 'open the process' },
  PersonRegistered: { de: 'Das Eintragen einer Person', deList: 'Personen eintragen', en: 'register a person' },
  KeyRegistered: { de: 'Das Eintragen eines Schlüssels', deList: 'Schlüssel eintragen', en: 'register a key' },
  KeyRevoked: { de: 'Das Widerrufen eines Schlüssels', deList: 'Schlüssel widerrufen', en: 'revoke a key' },
  EvidenceAttached: { de: 'Das Hinzufügen eines Nachweises', deList: 'Nachweise hinzufügen', en: 'attach evidence' },
  EvidenceRevised: { de: 'Das Überarbeiten eines Nachweises', deList: 'Nachweise überarbeiten', en: 'revise evidence' },
  EvidenceErased: { de: 'Das Löschen eines Nachweisinhalts', deList: 'Nachweisinhalte löschen', en: 'erase evidence content' },
  MeasurePlanned: { de: 'Das Planen einer Maßnahme', deList: 'Maßnahmen planen', en: 'plan a measure' },
  MeasureStarted: { de: 'Das Starten einer Maßnahme', deList: 'Maßnahmen starten', en: 'start a measure' },
  MeasureCompleted: { de: 'Das Abschließen einer Maßnahme', deList: 'Maßnahmen abschließen', en: 'complete a measure' },
  MeasureReplanned: { de: 'Das Neuplanen einer Maßnahme', deList: 'Maßnahmen neu planen', en: 're-plan a measure' },
  MeasureCancelled: { de: 'Das Abbrechen einer Maßnahme', deList: 'Maßnahmen abbrechen', en: 'cancel a measure' },
  AssessmentRecorded: { de: 'Das Bewerten eines Standards', deList: 'Standards bewerten', en: 'assess a standard' },
  SignOffRequested: { de: 'Das Beantragen einer Freigabe', deList: 'Freigaben beantragen', en: 'request a sign-off' },
  SignOffGranted: { de: 'Das Erteilen einer Freigabe', deList: 'Freigaben erteilen', en: 'grant a sign-off' },
  SignOffRefused: { de: 'Das Ablehnen einer Freigabe', deList: 'Freigaben ablehnen', en: 'refuse a sign-off' },
  StageAdvanced: { de: 'Der Wechsel in die nächste Phase', deList: 'in die nächste Phase wechseln', en: 'move to the next stage' },
  ProcessPaused: { de: 'Das Pausieren des Prozesses', deList: 'den Prozess pausieren', en: 'pause the process' },
  ProcessResumed: { de: 'Das Fortsetzen des Prozesses', deList: 'den Prozess fortsetzen', en: 'resume the process' },
};

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(ACTIONS, value);
}

/** The action as the subject of a German sentence, or an English verb phrase. */
export function actionPhrase(type: string, lang: Lang): string {
  if (!isEventType(type)) return lang === 'de' ? 'Diese Aktion' : 'do this';
  return ACTIONS[type][lang];
}

/** The action as an item of a list of what someone may do ("Freigaben erteilen"). */
export function actionListItem(type: EventType, lang: Lang): string {
  return lang === 'de' ? ACTIONS[type].deList : ACTIONS[type].en;
}
