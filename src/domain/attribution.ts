/**
 * Who signed what in a verified log, for the verdict: the founder's key (the root every other key
 * was registered from), every key that signed events or sign-off statements, with its owner and
 * fingerprint, and from which event on the log is signed at all. A bundle proves who signed only
 * to someone who knows one of these fingerprints from elsewhere (an identity file, a phone call,
 * an earlier export): the names in a bundle are what its signers wrote.
 */
import type { ProcessContext } from '../../machines/process/process.context.ts';
import type { LoggedEvent } from './chain.ts';

export interface KeyUse {
  keyId: string;
  personId: string;
  name: string;
  /** Events whose signature this key made (recorded them). */
  events: number;
  /** Sign-off statements this key signed (decided them). */
  decisions: number;
  revokedAt: string | null;
}

export interface Attribution {
  /** The key the opening registered for the founder, or null for an empty log. */
  founder: { personId: string; name: string; keyId: string } | null;
  /** Seq of the first signed event; null when no event is signed (format 1). */
  signedFrom: number | null;
  /** Events before `signedFrom` (all of them when nothing is signed): they rest on the exporter. */
  unsigned: number;
  /** Every key that signed anything, in the order of its first signature. */
  signers: KeyUse[];
}

/** Counts, while a log is walked, which key signed what. */
export class SignatureTally {
  private readonly uses = new Map<string, { events: number; decisions: number }>();

  private use(keyId: string) {
    let use = this.uses.get(keyId);
    if (!use) {
      use = { events: 0, decisions: 0 };
      this.uses.set(keyId, use);
    }
    return use;
  }

  /** Counts an event whose signatures were accepted. */
  count(event: LoggedEvent): void {
    if (event.signerKeyId !== undefined) this.use(event.signerKeyId).events++;
    if (event.type === 'SignOffGranted' || event.type === 'SignOffRefused') this.use(event.payload.keyId).decisions++;
  }

  attribution(ctx: ProcessContext, eventCount: number, founderKeyId: string | null): Attribution {
    const name = (personId: string) => ctx.people[personId]?.name ?? personId;
    const founderKey = founderKeyId ? ctx.keys[founderKeyId] : undefined;
    const signers = [...this.uses].flatMap(([keyId, use]) => {
      const key = ctx.keys[keyId];
      return key ? [{ keyId, personId: key.personId, name: name(key.personId), ...use, revokedAt: key.revokedAt }] : [];
    });
    return {
      founder: founderKey ? { personId: founderKey.personId, name: name(founderKey.personId), keyId: founderKey.keyId } : null,
      signedFrom: ctx.signedFrom,
      unsigned: ctx.signedFrom === null ? eventCount : ctx.signedFrom - 1,
      signers,
    };
  }
}

/** The founder's key id: the key the opening registers. */
export function founderKeyIdOf(events: readonly LoggedEvent[]): string | null {
  const first = events[0];
  return first?.type === 'ProcessOpened' ? first.payload.founder.key.keyId : null;
}
