/**
 * Every event signed by the person who recorded it (audit bundle format 2). The hash chain alone
 * proves nothing to an auditor, since anyone can recompute it; a signature over an event's hash
 * can only be made with its signer's private key, and the hash covers the event's content, its
 * position and its predecessor. So no one without the key can change, move or re-link an event.
 *
 * Which key may sign is a matter of the log itself: a key registered for the acting person and not
 * revoked at that point; the opening signed by the founder's key it introduces; every later key
 * registered by an event signed by a key already valid, and proving possession itself. Every key
 * thus traces back to the founder's, signature by signature.
 *
 * A sign-off decision is the one exception for who signs the event: the decision itself is the
 * director's signed sign-off statement (in the payload), made perhaps on another device; the event
 * that places it in the log is signed by whoever recorded it there, the director on the same
 * device or the ambassador who read the response file in.
 */
import type { ProcessContext } from '../../machines/process/process.context.ts';
import type { ProcessCommand, ProcessEvent } from '../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { type Reason, reason } from '../../machines/process/reasons.ts';
import type { Rulebook } from '../../standards/rulebook.ts';
import { type ChainHead, type LoggedEvent, seal } from './chain.ts';
import { isWellFormedKey, type SigningKey } from './crypto/keys.ts';
import type { Sha256Hex } from './crypto/sha256.ts';
import { eventStatement, keyPossessionStatement, signStatement, verifyStatement } from './statements.ts';

/** Who records on this device: the person, and their key, unlocked. */
export interface EventSigner {
  personId: string;
  key: SigningKey;
}

const isDecision = (event: ProcessEvent) => event.type === 'SignOffGranted' || event.type === 'SignOffRefused';

/** The process an event belongs to: the one it opens, for the opening. */
function processIdOf(ctx: ProcessContext, event: ProcessEvent): string {
  return event.type === 'ProcessOpened' ? event.payload.processId : ctx.processId;
}

/** Places a command after `head` and signs it with the signer's key. */
export async function sealAndSign(
  snapshot: ProcessSnapshot,
  command: ProcessCommand,
  head: ChainHead | null,
  sha256: Sha256Hex,
  signer: EventSigner,
): Promise<LoggedEvent> {
  const sealed = await seal(command, head, sha256, signer.key.record.keyId);
  const statement = eventStatement(processIdOf(snapshot.context, sealed), sealed.hash);
  return { ...sealed, signature: await signStatement(signer.key.privateKey, statement) };
}

/**
 * The new key's proof that it agrees to be registered as this person: its signature over the
 * key-possession statement. Made where the private key is (the person's own device), it travels
 * in the identity file, so the ambassador who registers someone else needs no secret of theirs.
 */
export function proveKeyPossession(personId: string, key: SigningKey): Promise<string> {
  return signStatement(key.privateKey, keyPossessionStatement(personId, key.record.keyId));
}

export function verifyKeyPossession(personId: string, key: { keyId: string; publicKey: string }, proof: string): Promise<boolean> {
  return verifyStatement(key.publicKey, keyPossessionStatement(personId, key.keyId), proof, true);
}

/**
 * What checking an event's signature takes: reasons found from the log alone, at once, or the
 * cryptographic part still to run. Apart so that verifying a long log can start the ECDSA work
 * of many events at once and walk on (WebCrypto runs it off the main thread where it can).
 */
export type SignatureCheck = { reasons: Reason[] } | { pending: () => Promise<Reason[]> };

/** Whether the person may record (not decide) a sign-off decision: the roles that ask for one. */
function mayRecordDecision(rulebook: Rulebook, ctx: ProcessContext, personId: string): boolean {
  const roles = ctx.people[personId]?.roles ?? [];
  const recorders = rulebook.template.permissions.SignOffRequested ?? [];
  return roles.some((role) => recorders.includes(role));
}

/**
 * The signature rules for `event` after the log whose state is `snapshot`. An unsigned event is
 * accepted only while no event of the log is signed (a log recorded before format 2).
 */
export function checkEventSignature(rulebook: Rulebook, snapshot: ProcessSnapshot, event: ProcessEvent): SignatureCheck {
  const ctx = snapshot.context;
  const { signerKeyId, signature } = event;
  if (signerKeyId === undefined && signature === undefined) {
    return { reasons: ctx.signedFrom === null ? [] : [reason('eventUnsigned', { signedFrom: ctx.signedFrom })] };
  }
  if (signerKeyId === undefined || signature === undefined || event.hash === undefined) {
    return { reasons: [reason('eventSignatureInvalid', { keyId: signerKeyId ?? '' })] };
  }
  let publicKey: string;
  if (event.type === 'ProcessOpened') {
    const founderKey = event.payload.founder.key;
    if (signerKeyId !== founderKey.keyId) return { reasons: [reason('founderMustSign', { keyId: signerKeyId })] };
    publicKey = founderKey.publicKey;
  } else {
    const key = ctx.keys[signerKeyId];
    if (!key) return { reasons: [reason('keyUnknown', { keyId: signerKeyId })] };
    if (key.revokedAt !== null) return { reasons: [reason('keyRevoked', { keyId: signerKeyId, revokedAt: key.revokedAt })] };
    const { personId } = event.actor;
    if (key.personId !== personId) {
      if (!isDecision(event)) return { reasons: [reason('keyNotOwnedByActor', { keyId: signerKeyId, personId })] };
      if (!mayRecordDecision(rulebook, ctx, key.personId)) {
        return { reasons: [reason('recorderNotAllowed', { keyId: signerKeyId, personId: key.personId })] };
      }
    }
    publicKey = key.publicKey;
  }
  const registered =
    event.type === 'PersonRegistered'
      ? { personId: event.payload.personId, key: event.payload.key, proof: event.payload.keyProof }
      : event.type === 'KeyRegistered'
        ? { personId: event.payload.personId, key: event.payload.key, proof: event.payload.keyProof }
        : null;
  if (registered && registered.proof === undefined) return { reasons: [reason('keyProofMissing', { keyId: registered.key.keyId })] };

  const hash = event.hash;
  const processId = processIdOf(ctx, event);
  return {
    pending: async () => {
      const [signed, proven] = await Promise.all([
        verifyStatement(publicKey, eventStatement(processId, hash), signature, true),
        registered ? verifyKeyPossession(registered.personId, registered.key, registered.proof as string) : true,
      ]);
      const reasons: Reason[] = [];
      if (!signed) reasons.push(reason('eventSignatureInvalid', { keyId: signerKeyId }));
      if (!proven && registered) {
        // A key that is not a key at all is named as such (cryptoReasons would say so next).
        const wellFormed = await isWellFormedKey({ ...registered.key, algorithm: 'ECDSA-P256-SHA256' });
        reasons.push(
          wellFormed
            ? reason('keyProofInvalid', { keyId: registered.key.keyId, personId: registered.personId })
            : reason('keyMalformed', { keyId: registered.key.keyId }),
        );
      }
      return reasons;
    },
  };
}

/** The same check, awaited: the reasons the event's signature is not acceptable here. */
export async function eventSignatureReasons(rulebook: Rulebook, snapshot: ProcessSnapshot, event: ProcessEvent): Promise<Reason[]> {
  const check = checkEventSignature(rulebook, snapshot, event);
  return 'reasons' in check ? check.reasons : check.pending();
}
