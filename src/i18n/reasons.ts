/**
 * Refusal reasons in plain German and English. Parameters are ids in the reason; here they
 * become the names people know (stage titles, role labels, evidence kinds), from the rulebook.
 */
import type { Reason, ReasonCode, ReasonParam } from '../../machines/process/reasons.ts';
import type { Rulebook } from '../../standards/rulebook.ts';
import { actionPhrase } from './actions.ts';
import { formatDay } from './dates.ts';
import { type Lang, localeOf } from './lang.ts';

type Words = {
  stage: (id: string) => string;
  role: (id: string) => string;
  roles: (ids: readonly string[]) => string;
  kinds: (ids: readonly string[]) => string;
  standards: (ids: readonly string[]) => string;
  list: (items: readonly string[]) => string;
  date: (iso: string) => string;
};

type Message = (p: Readonly<Record<string, ReasonParam>>, w: Words) => string;

const s = (v: ReasonParam | undefined): string => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));
const a = (v: ReasonParam | undefined): readonly string[] => (Array.isArray(v) ? v : v === undefined ? [] : [String(v)]);

const STATUS: Record<Lang, Record<string, string>> = {
  de: { planned: 'geplant', running: 'läuft', replanned: 'neu geplant', done: 'erledigt', cancelled: 'abgebrochen' },
  en: { planned: 'planned', running: 'running', replanned: 're-planned', done: 'done', cancelled: 'cancelled' },
};

/** The part of a sign-off request that differs from the process, in words. */
const REQUEST_FIELDS: Record<Lang, Record<string, string>> = {
  de: {
    cycle: 'er gehört zu einem anderen Zyklus',
    milestoneId: 'er nennt einen anderen Meilenstein',
    requiredRoles: 'er verlangt andere Rollen für die Freigabe',
    covers: 'die Nachweise, die er umfasst, haben sich geändert',
  },
  en: {
    cycle: 'it belongs to another cycle',
    milestoneId: 'it names another milestone',
    requiredRoles: 'it asks other roles for the sign-off',
    covers: 'the evidence it covers has changed',
  },
};

const de: Record<ReasonCode, Message> = {
  processNotOpened: () => 'Der Prozess ist noch nicht eröffnet.',
  processAlreadyOpened: () => 'Der Prozess ist bereits eröffnet.',
  processPaused: (p, w) => `Der Prozess ist seit ${w.date(s(p.since))} pausiert; erst fortsetzen.`,
  processNotPaused: () => 'Der Prozess ist nicht pausiert.',
  timeBeforeLastEvent: (p) => `Der Zeitpunkt ${s(p.at)} liegt vor dem letzten Eintrag (${s(p.lastAt)}).`,
  templateVersionMismatch: (p) => `Version ${s(p.got)} passt nicht zur Version ${s(p.expected)} dieser Anwendung.`,
  roleMayNot: (p, w) => `${actionPhrase(s(p.eventType), 'de')} ist der Rolle ${w.role(s(p.role))} nicht erlaubt.`,
  actorNotRegistered: (p) => `Die Person ${s(p.personId)} ist in diesem Prozess nicht registriert.`,
  actorLacksRole: (p, w) => `Die Person ${s(p.personId)} hat in diesem Prozess nicht die Rolle ${w.role(s(p.role))}.`,
  founderMustBeActor: () => 'Wer den Prozess eröffnet, muss sich selbst als IKBO eintragen.',
  personAlreadyRegistered: (p) => `Die Person ${s(p.personId)} ist bereits registriert.`,
  personNotRegistered: (p) => `Die Person ${s(p.personId)} ist nicht registriert.`,
  incompatibleRoles: (p, w) => `Eine Person darf nicht zugleich ${w.roles(a(p.roles))} sein (Vier-Augen-Prinzip).`,
  keyAlreadyRegistered: (p) => `Der Schlüssel ${s(p.keyId)} ist bereits registriert.`,
  keyUnknown: (p) => `Der Schlüssel ${s(p.keyId)} ist in diesem Prozess nicht registriert.`,
  keyRevoked: (p, w) => `Der Schlüssel ${s(p.keyId)} wurde am ${w.date(s(p.revokedAt))} widerrufen.`,
  keyNotOwnedByActor: (p) => `Der Schlüssel ${s(p.keyId)} gehört nicht der handelnden Person ${s(p.personId)}.`,
  keyNotOwnedByPerson: (p) => `Der Schlüssel ${s(p.keyId)} gehört nicht der Person ${s(p.personId)}.`,
  revokeOthersKey: () => 'Fremde Schlüssel darf nur die IKBO widerrufen.',
  evidenceKindUnknown: (p) => `Die Nachweisart „${s(p.kind)}“ ist unbekannt.`,
  evidenceAlreadyExists: (p) => `Den Nachweis ${s(p.evidenceId)} gibt es bereits.`,
  evidenceNotFound: (p) => `Den Nachweis ${s(p.evidenceId)} gibt es nicht.`,
  revisionOutOfOrder: (p) => `Nachweis ${s(p.evidenceId)}: erwartet wird Fassung ${s(p.expected)}, nicht ${s(p.got)}.`,
  reviewBeforeDocument: () => 'Das Prüfdatum liegt vor dem Datum des Dokuments.',
  revisionNotFound: (p) => `Nachweis ${s(p.evidenceId)} hat keine Fassung ${s(p.revision)}. Es wurde nichts gelöscht.`,
  erasureDigestMismatch: (p) =>
    `Die angegebene Prüfsumme ist nicht die von Fassung ${s(p.revision)} des Nachweises ${s(p.evidenceId)}. Es wurde nichts gelöscht.`,
  contentNotErasable: (p) =>
    `Fassung ${s(p.revision)} des Nachweises ${s(p.evidenceId)} ist ${s(p.type) === 'link' ? 'ein Link' : 'eine Notiz'}: Ihr Inhalt steht im Prüfpfad selbst und kann nicht gelöscht werden, ohne den Prüfpfad zu brechen. Stattdessen eine neue Fassung mit Begründung anlegen. Es wurde nichts gelöscht.`,
  evidenceAlreadyErased: (p, w) =>
    `Der Inhalt von Fassung ${s(p.revision)} des Nachweises ${s(p.evidenceId)} wurde bereits am ${w.date(s(p.erasedAt))} gelöscht.`,
  evidenceErased: (p, w) =>
    `Der Inhalt von Nachweis ${s(p.evidenceId)} (Fassung ${s(p.revision)}) wurde am ${w.date(s(p.erasedAt))} gelöscht; er zählt nicht mehr. Eine bereinigte neue Fassung hochladen.`,
  standardUnknown: (p) => `Den Standard „${s(p.standardId)}“ gibt es nicht.`,
  measureTemplateUnknown: (p) => `Die Maßnahmenvorlage „${s(p.templateId)}“ gibt es nicht.`,
  measureAlreadyExists: (p) => `Die Maßnahme ${s(p.measureId)} gibt es bereits.`,
  measureNotFound: (p) => `Die Maßnahme ${s(p.measureId)} gibt es nicht.`,
  measuresNotInStage: (p, w) => `In der Phase ${w.stage(s(p.stage))} werden keine Maßnahmen geführt.`,
  measureStepNotAllowed: (p) =>
    `Die Maßnahme „${s(p.title ?? p.measureId)}“ steht auf „${STATUS.de[s(p.status)] ?? s(p.status)}“; dieser Schritt ist von dort nicht möglich.`,
  measureNeedsEvidence: (p, w) => `Zum Abschluss der Maßnahme „${s(p.title || p.measureId)}“ fehlt ein Nachweis (${w.kinds(a(p.kinds))}).`,
  dueInPast: (p, w) => `Die Frist ${w.date(s(p.due))} liegt in der Vergangenheit.`,
  assessmentNotInStage: (p, w) =>
    `In der Phase ${w.stage(s(p.stage))} wird nicht bewertet; das geschieht in Bestandsaufnahme und Überprüfung.`,
  assessmentNeedsEvidence: (p, w) =>
    `Stufe ${s(p.level)} für „${w.standards(a(p.standardId))}“ braucht ab Stufe ${s(p.fromLevel)} einen Nachweis (${w.kinds(a(p.kinds))}).`,
  evidenceKindNotAccepted: (p, w) =>
    `Nachweis ${s(p.evidenceId)} (${w.kinds(a(p.kind))}) zählt nicht für „${w.standards(a(p.standardId))}“.`,
  evidenceExpired: (p, w) => `Nachweis ${s(p.evidenceId)} ist seit ${w.date(s(p.reviewBy))} abgelaufen.`,
  stageMismatch: (p, w) => `Der Prozess steht in ${w.stage(s(p.expected))}, nicht in ${w.stage(s(p.got))}.`,
  wrongNextStage: (p, w) => `Von hier geht es nur weiter nach ${w.list(a(p.expected).map(w.stage))}.`,
  missingEvidence: (p, w) => `Es fehlt für ${w.stage(s(p.stage))}: ${w.kinds(a(p.kinds))} (${s(p.have)} von ${s(p.need)}).`,
  standardsNotAssessed: (p, w) => `Noch nicht bewertet: ${w.standards(a(p.missing))}.`,
  tooFewMeasuresPlanned: (p) => `Es sind ${s(p.have)} Maßnahmen geplant; nötig sind mindestens ${s(p.need)}.`,
  tooFewMeasuresCompleted: (p) => `Es sind ${s(p.have)} Maßnahmen abgeschlossen; nötig sind mindestens ${s(p.need)}.`,
  measuresOverdue: (p, w) => `Überfällige Maßnahmen erledigen oder mit Begründung neu planen: ${w.list(a(p.titles).map((t) => `„${t}“`))}.`,
  signOffMissing: (p, w) => `Es fehlt die Freigabe durch ${w.roles(a(p.roles))}.`,
  signOffPending: (p, w) => `Die Freigabe ${s(p.requestId)} wartet noch auf ${w.roles(a(p.roles))}.`,
  signOffStale: (p) =>
    `Die Freigabe ${s(p.requestId)} ist veraltet: Nachweise wurden seitdem geändert, sind abgelaufen oder ihr Inhalt wurde gelöscht (${s(p.evidenceIds)}). Neue Freigabe beantragen.`,
  signOffRefused: (p) => `Die Freigabe ${s(p.requestId)} wurde abgelehnt; nach Überarbeitung neu beantragen.`,
  signOffNotNeeded: (p, w) => `Für ${w.stage(s(p.stage))} ist derzeit keine Freigabe nötig.`,
  signOffAlreadyOpen: (p) => `Es ist bereits eine Freigabe beantragt (${s(p.requestId)}).`,
  signOffAlreadyGranted: (p) => `Die Freigabe ist bereits erteilt (${s(p.requestId)}).`,
  requestAlreadyExists: (p) => `Den Antrag ${s(p.requestId)} gibt es bereits.`,
  requestMismatch: (p) =>
    `Der Antrag stimmt nicht mit dem Stand des Prozesses überein: ${REQUEST_FIELDS.de[s(p.field)] ?? 'ein Feld weicht ab'}.`,
  requestNotFound: (p) => `Den Freigabeantrag ${s(p.requestId)} gibt es nicht.`,
  requestClosed: (p) =>
    `Über den Antrag ${s(p.requestId)} ist bereits entschieden: er wurde ${p.status === 'granted' ? 'erteilt' : 'abgelehnt'}.`,
  requestHashMismatch: (p) => `Die Entscheidung bezieht sich auf eine andere Fassung des Antrags ${s(p.requestId)}.`,
  requestOutdated: (p) =>
    `Der Antrag ${s(p.requestId)} ist überholt: Nachweise wurden seither geändert oder gelöscht${a(p.evidenceIds).length ? ` (${s(p.evidenceIds)})` : ''} oder es gibt einen neueren Antrag. Bitte über den aktuellen Antrag entscheiden.`,
  roleNotRequested: (p, w) => `Der Antrag ${s(p.requestId)} braucht keine Freigabe durch ${w.role(s(p.role))}.`,
  roleAlreadyDecided: (p, w) => `${w.role(s(p.role))} hat über den Antrag ${s(p.requestId)} bereits entschieden.`,
  sameRequesterAndApprover: () => 'Wer die Freigabe beantragt hat, darf sie nicht selbst erteilen (Vier-Augen-Prinzip).',
  signedBeforeRequest: (p) => `Die Entscheidung ist älter als der Antrag ${s(p.requestId)}.`,
  invalidCommand: (p) =>
    p.problem === 'missing'
      ? `Bitte „${fieldLabel(s(p.path), 'de')}“ ausfüllen.`
      : p.problem === 'tooLong'
        ? `„${fieldLabel(s(p.path), 'de')}“ ist zu lang: höchstens ${s(p.limit)} Zeichen.`
        : `Bitte „${fieldLabel(s(p.path), 'de')}“ prüfen: fehlt oder ist ungültig.`,
  keyMalformed: (p) => `Der Schlüssel ${s(p.keyId)} ist kein gültiger P-256-Schlüssel oder passt nicht zu seiner Kennung.`,
  badSignature: (p) => `Die Signatur mit Schlüssel ${s(p.keyId)} ist ungültig (Antrag ${s(p.requestId)}).`,
  digestMismatch: (p) => `Die Prüfsumme von Nachweis ${s(p.evidenceId)} passt nicht zum Inhalt.`,
  eventUnsigned: (p) =>
    `Der Eintrag ist nicht signiert. Seit Ereignis ${s(p.signedFrom)} muss jeder Eintrag mit dem Schlüssel der Person signiert sein, die ihn aufzeichnet.`,
  eventSignatureInvalid: (p) =>
    `Die Signatur des Eintrags mit Schlüssel ${s(p.keyId)} ist ungültig: Er wurde nach dem Signieren verändert, an eine andere Stelle gesetzt oder nicht mit diesem Schlüssel signiert.`,
  founderMustSign: (p) =>
    `Die Eröffnung muss mit dem Schlüssel signiert sein, den sie für die eröffnende Person einträgt, nicht mit ${s(p.keyId)}.`,
  recorderNotAllowed: (p) =>
    `Die Entscheidung wurde mit dem Schlüssel ${s(p.keyId)} von ${s(p.personId)} eingetragen; eintragen dürfen sie nur die entscheidende Person selbst oder eine IKBO.`,
  keyProofMissing: (p) =>
    `Für den neuen Schlüssel ${s(p.keyId)} fehlt der Besitznachweis (seine eigene Signatur). Bitte eine aktuelle Identitätsdatei verwenden.`,
  keyProofInvalid: (p) =>
    `Der Besitznachweis des Schlüssels ${s(p.keyId)} für ${s(p.personId)} ist ungültig: Dieser Schlüssel hat nicht zugestimmt, als diese Person registriert zu werden.`,
  noSigningKey: () => 'Zum Aufzeichnen braucht es Ihren Schlüssel: Profil entsperren (Einstellungen → Profile) oder ein Profil anlegen.',
};

const en: Record<ReasonCode, Message> = {
  processNotOpened: () => 'The process has not been opened yet.',
  processAlreadyOpened: () => 'The process is already open.',
  processPaused: (p, w) => `The process is paused since ${w.date(s(p.since))}; resume it first.`,
  processNotPaused: () => 'The process is not paused.',
  timeBeforeLastEvent: (p) => `The time ${s(p.at)} is before the last entry (${s(p.lastAt)}).`,
  templateVersionMismatch: (p) => `Version ${s(p.got)} does not match this application's version ${s(p.expected)}.`,
  roleMayNot: (p, w) => `The role ${w.role(s(p.role))} may not ${actionPhrase(s(p.eventType), 'en')}.`,
  actorNotRegistered: (p) => `Person ${s(p.personId)} is not registered in this process.`,
  actorLacksRole: (p, w) => `Person ${s(p.personId)} does not hold the role ${w.role(s(p.role))} in this process.`,
  founderMustBeActor: () => 'Whoever opens the process must register themselves as ambassador.',
  personAlreadyRegistered: (p) => `Person ${s(p.personId)} is already registered.`,
  personNotRegistered: (p) => `Person ${s(p.personId)} is not registered.`,
  incompatibleRoles: (p, w) => `One person may not be both ${w.roles(a(p.roles))} (four-eyes principle).`,
  keyAlreadyRegistered: (p) => `Key ${s(p.keyId)} is already registered.`,
  keyUnknown: (p) => `Key ${s(p.keyId)} is not registered in this process.`,
  keyRevoked: (p, w) => `Key ${s(p.keyId)} was revoked on ${w.date(s(p.revokedAt))}.`,
  keyNotOwnedByActor: (p) => `Key ${s(p.keyId)} does not belong to the acting person ${s(p.personId)}.`,
  keyNotOwnedByPerson: (p) => `Key ${s(p.keyId)} does not belong to person ${s(p.personId)}.`,
  revokeOthersKey: () => "Only the ambassador may revoke another person's key.",
  evidenceKindUnknown: (p) => `Evidence kind "${s(p.kind)}" is unknown.`,
  evidenceAlreadyExists: (p) => `Evidence ${s(p.evidenceId)} already exists.`,
  evidenceNotFound: (p) => `There is no evidence ${s(p.evidenceId)}.`,
  revisionOutOfOrder: (p) => `Evidence ${s(p.evidenceId)}: revision ${s(p.expected)} expected, not ${s(p.got)}.`,
  reviewBeforeDocument: () => "The review date is before the document's date.",
  revisionNotFound: (p) => `Evidence ${s(p.evidenceId)} has no revision ${s(p.revision)}. Nothing was erased.`,
  erasureDigestMismatch: (p) =>
    `The digest given is not that of revision ${s(p.revision)} of evidence ${s(p.evidenceId)}. Nothing was erased.`,
  contentNotErasable: (p) =>
    `Revision ${s(p.revision)} of evidence ${s(p.evidenceId)} is a ${s(p.type) === 'link' ? 'link' : 'note'}: its content is part of the audit trail itself and cannot be erased without breaking the trail. Add a new revision with a reason instead. Nothing was erased.`,
  evidenceAlreadyErased: (p, w) =>
    `The content of revision ${s(p.revision)} of evidence ${s(p.evidenceId)} was already erased on ${w.date(s(p.erasedAt))}.`,
  evidenceErased: (p, w) =>
    `The content of evidence ${s(p.evidenceId)} (revision ${s(p.revision)}) was erased on ${w.date(s(p.erasedAt))}; it no longer counts. Upload a cleaned new revision.`,
  standardUnknown: (p) => `There is no standard "${s(p.standardId)}".`,
  measureTemplateUnknown: (p) => `There is no measure template "${s(p.templateId)}".`,
  measureAlreadyExists: (p) => `Measure ${s(p.measureId)} already exists.`,
  measureNotFound: (p) => `There is no measure ${s(p.measureId)}.`,
  measuresNotInStage: (p, w) => `The stage ${w.stage(s(p.stage))} has no measures.`,
  measureStepNotAllowed: (p) =>
    `Measure "${s(p.title ?? p.measureId)}" is ${STATUS.en[s(p.status)] ?? s(p.status)}; this step is not possible from there.`,
  measureNeedsEvidence: (p, w) => `Completing measure "${s(p.title || p.measureId)}" needs evidence (${w.kinds(a(p.kinds))}).`,
  dueInPast: (p, w) => `The deadline ${w.date(s(p.due))} is in the past.`,
  assessmentNotInStage: (p, w) => `The stage ${w.stage(s(p.stage))} has no assessment; that happens in baseline and review.`,
  assessmentNeedsEvidence: (p, w) =>
    `Level ${s(p.level)} for "${w.standards(a(p.standardId))}" needs evidence from level ${s(p.fromLevel)} on (${w.kinds(a(p.kinds))}).`,
  evidenceKindNotAccepted: (p, w) =>
    `Evidence ${s(p.evidenceId)} (${w.kinds(a(p.kind))}) does not count for "${w.standards(a(p.standardId))}".`,
  evidenceExpired: (p, w) => `Evidence ${s(p.evidenceId)} expired on ${w.date(s(p.reviewBy))}.`,
  stageMismatch: (p, w) => `The process is in ${w.stage(s(p.expected))}, not in ${w.stage(s(p.got))}.`,
  wrongNextStage: (p, w) => `From here the process can only go to ${w.list(a(p.expected).map(w.stage))}.`,
  missingEvidence: (p, w) => `Missing for ${w.stage(s(p.stage))}: ${w.kinds(a(p.kinds))} (${s(p.have)} of ${s(p.need)}).`,
  standardsNotAssessed: (p, w) => `Not yet assessed: ${w.standards(a(p.missing))}.`,
  tooFewMeasuresPlanned: (p) => `${s(p.have)} measures planned; at least ${s(p.need)} needed.`,
  tooFewMeasuresCompleted: (p) => `${s(p.have)} measures done; at least ${s(p.need)} needed.`,
  measuresOverdue: (p, w) => `Finish overdue measures or re-plan them with a reason: ${w.list(a(p.titles).map((t) => `"${t}"`))}.`,
  signOffMissing: (p, w) => `Sign-off by ${w.roles(a(p.roles))} is missing.`,
  signOffPending: (p, w) => `Sign-off ${s(p.requestId)} is still waiting for ${w.roles(a(p.roles))}.`,
  signOffStale: (p) =>
    `Sign-off ${s(p.requestId)} is stale: evidence was changed, expired or had its content erased since (${s(p.evidenceIds)}). Request a new sign-off.`,
  signOffRefused: (p) => `Sign-off ${s(p.requestId)} was refused; rework and request again.`,
  signOffNotNeeded: (p, w) => `${w.stage(s(p.stage))} needs no sign-off at the moment.`,
  signOffAlreadyOpen: (p) => `A sign-off is already requested (${s(p.requestId)}).`,
  signOffAlreadyGranted: (p) => `The sign-off is already granted (${s(p.requestId)}).`,
  requestAlreadyExists: (p) => `Request ${s(p.requestId)} already exists.`,
  requestMismatch: (p) => `The request does not match the state of the process: ${REQUEST_FIELDS.en[s(p.field)] ?? 'a field differs'}.`,
  requestNotFound: (p) => `There is no sign-off request ${s(p.requestId)}.`,
  requestClosed: (p) => `Request ${s(p.requestId)} is already decided: it was ${p.status === 'granted' ? 'granted' : 'refused'}.`,
  requestHashMismatch: (p) => `The decision refers to a different version of request ${s(p.requestId)}.`,
  requestOutdated: (p) =>
    `Request ${s(p.requestId)} is outdated: evidence was changed or erased since${a(p.evidenceIds).length ? ` (${s(p.evidenceIds)})` : ''} or a newer request exists. Please decide on the current request.`,
  roleNotRequested: (p, w) => `Request ${s(p.requestId)} needs no sign-off by ${w.role(s(p.role))}.`,
  roleAlreadyDecided: (p, w) => `${w.role(s(p.role))} has already decided on request ${s(p.requestId)}.`,
  sameRequesterAndApprover: () => 'Whoever requested a sign-off may not grant it (four-eyes principle).',
  signedBeforeRequest: (p) => `The decision is older than request ${s(p.requestId)}.`,
  invalidCommand: (p) =>
    p.problem === 'missing'
      ? `Please fill in "${fieldLabel(s(p.path), 'en')}".`
      : p.problem === 'tooLong'
        ? `"${fieldLabel(s(p.path), 'en')}" is too long: at most ${s(p.limit)} characters.`
        : `Please check "${fieldLabel(s(p.path), 'en')}": missing or invalid.`,
  keyMalformed: (p) => `Key ${s(p.keyId)} is not a valid P-256 key or does not match its id.`,
  badSignature: (p) => `The signature with key ${s(p.keyId)} is invalid (request ${s(p.requestId)}).`,
  digestMismatch: (p) => `The digest of evidence ${s(p.evidenceId)} does not match its content.`,
  eventUnsigned: (p) =>
    `The entry is not signed. From event ${s(p.signedFrom)} on, every entry must be signed with the key of the person who records it.`,
  eventSignatureInvalid: (p) =>
    `The entry's signature with key ${s(p.keyId)} is invalid: it was changed after signing, moved to another place, or not signed with this key.`,
  founderMustSign: (p) => `The opening must be signed with the key it registers for the person opening it, not with ${s(p.keyId)}.`,
  recorderNotAllowed: (p) =>
    `The decision was recorded with key ${s(p.keyId)} of ${s(p.personId)}; only the deciding person or an ambassador may record it.`,
  keyProofMissing: (p) =>
    `The proof of possession (its own signature) is missing for the new key ${s(p.keyId)}. Please use a current identity file.`,
  keyProofInvalid: (p) =>
    `The proof of possession of key ${s(p.keyId)} for ${s(p.personId)} is invalid: this key did not agree to be registered as this person.`,
  noSigningKey: () => 'Recording needs your key: unlock your profile (Settings → Profiles) or create one.',
};

/** Words for the fields a schema problem can be about; the path's last known name is used. */
const FIELD_LABELS: Record<string, { de: string; en: string }> = {
  reason: { de: 'Begründung', en: 'reason' },
  title: { de: 'Titel', en: 'title' },
  comment: { de: 'Kommentar', en: 'comment' },
  outcome: { de: 'Ergebnis', en: 'outcome' },
  due: { de: 'Frist', en: 'deadline' },
  owner: { de: 'Verantwortlich', en: 'owner' },
  indicator: { de: 'Indikator', en: 'indicator' },
  documentDate: { de: 'Datum des Dokuments', en: 'document date' },
  reviewBy: { de: 'Prüfen bis', en: 'review by' },
  url: { de: 'Link', en: 'link' },
  text: { de: 'Text', en: 'text' },
  name: { de: 'Name', en: 'name' },
  region: { de: 'Region', en: 'region' },
  note: { de: 'Hinweis', en: 'note' },
  level: { de: 'Stufe', en: 'level' },
  startedOn: { de: 'Beginn', en: 'start date' },
};

function fieldLabel(path: string, lang: Lang): string {
  for (const part of path.split('.').reverse()) {
    const label = FIELD_LABELS[part];
    if (label) return label[lang];
  }
  return path || (lang === 'de' ? 'Eingabe' : 'input');
}

export function wordsFor(rulebook: Rulebook, lang: Lang): Words {
  const list = (items: readonly string[]) => new Intl.ListFormat(localeOf(lang), { type: 'conjunction' }).format(items);
  const label =
    <T extends { id: string }>(items: readonly T[], pick: (t: T) => { de: string; en: string }) =>
    (id: string) => {
      const found = items.find((t) => t.id === id);
      return found ? pick(found)[lang] : id;
    };
  const stage = label(rulebook.template.stages, (t) => t.title);
  const role = label(rulebook.template.roles, (t) => t.label);
  const kind = label(rulebook.evidenceKinds.kinds, (t) => t.label);
  const standard = label(rulebook.catalog.standards, (t) => t.title);
  return {
    stage,
    role,
    roles: (ids) => list(ids.map(role)),
    kinds: (ids) => new Intl.ListFormat(localeOf(lang), { type: 'disjunction' }).format(ids.map(kind)),
    standards: (ids) => list(ids.map(standard)),
    list,
    date: (iso) => (iso ? formatDay(iso, lang) : '?'),
  };
}

export function describeReason(reason: Reason, lang: Lang, rulebook: Rulebook): string {
  const messages = lang === 'de' ? de : en;
  return messages[reason.code](reason.params, wordsFor(rulebook, lang));
}
