/**
 * Why the machine refuses something, as data. Every refusal carries one or more reasons; the
 * UI and the CLI render them in German or English (src/i18n/reasons.ts), tests assert on codes.
 */
export const REASON_CODES = [
  'processNotOpened',
  'processAlreadyOpened',
  'processPaused',
  'processNotPaused',
  'timeBeforeLastEvent',
  'templateVersionMismatch',
  'roleMayNot',
  'actorNotRegistered',
  'actorLacksRole',
  'founderMustBeActor',
  'personAlreadyRegistered',
  'personNotRegistered',
  'incompatibleRoles',
  'keyAlreadyRegistered',
  'keyUnknown',
  'keyRevoked',
  'keyNotOwnedByActor',
  'keyNotOwnedByPerson',
  'revokeOthersKey',
  'evidenceKindUnknown',
  'evidenceAlreadyExists',
  'evidenceNotFound',
  'revisionOutOfOrder',
  'reviewBeforeDocument',
  'revisionNotFound',
  'erasureDigestMismatch',
  'contentNotErasable',
  'evidenceAlreadyErased',
  'evidenceErased',
  'standardUnknown',
  'measureTemplateUnknown',
  'measureAlreadyExists',
  'measureNotFound',
  'measuresNotInStage',
  'measureStepNotAllowed',
  'measureNeedsEvidence',
  'dueInPast',
  'assessmentNotInStage',
  'assessmentNeedsEvidence',
  'evidenceKindNotAccepted',
  'evidenceExpired',
  'stageMismatch',
  'wrongNextStage',
  'missingEvidence',
  'standardsNotAssessed',
  'tooFewMeasuresPlanned',
  'tooFewMeasuresCompleted',
  'measuresOverdue',
  'signOffMissing',
  'signOffPending',
  'signOffStale',
  'signOffRefused',
  'signOffNotNeeded',
  'signOffAlreadyOpen',
  'signOffAlreadyGranted',
  'requestAlreadyExists',
  'requestMismatch',
  'requestNotFound',
  'requestClosed',
  'requestHashMismatch',
  'requestOutdated',
  'roleNotRequested',
  'roleAlreadyDecided',
  'sameRequesterAndApprover',
  'signedBeforeRequest',
  // Checked by the domain layer before the machine is asked (schema and cryptography).
  'invalidCommand',
  'keyMalformed',
  'badSignature',
  'digestMismatch',
  // Signatures of events (format 2): checked by the domain layer before the machine is asked.
  'eventUnsigned',
  'eventSignatureInvalid',
  'founderMustSign',
  'recorderNotAllowed',
  'keyProofMissing',
  'keyProofInvalid',
  'noSigningKey',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];
export type ReasonParam = string | number | readonly string[];
export interface Reason {
  code: ReasonCode;
  params: Readonly<Record<string, ReasonParam>>;
}

export function reason(code: ReasonCode, params: Record<string, ReasonParam> = {}): Reason {
  return { code, params };
}
