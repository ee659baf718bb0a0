/**
 * What an auditor brings from outside the bundle. A bundle proves who signed only to someone who
 * already knows a signer's fingerprint (from an identity file, a phone call, an earlier export):
 * with keys of their own, anyone can fabricate a well-signed log under the same names.
 *
 * - Trust anchors pin fingerprints: the founder's key (every other key was registered, signature
 *   by signature, from it) or a named person's key.
 * - Continuity compares a new export with an earlier one, as a transparency log's consistency
 *   check does: the new one must begin with exactly the old one's events, so an insider who cut
 *   the log short or rewrote it between two exports is caught, with the first differing event.
 */
import type { ProcessContext } from '../../machines/process/process.context.ts';
import type { Attribution } from './attribution.ts';
import type { LoggedEvent } from './chain.ts';

/** A fingerprint the auditor knows, optionally for a named person (their id or their name). */
export interface TrustAnchor {
  /** 32 lower-case hex digits: the key id, which the fingerprint shows in groups of four. */
  keyId: string;
  person: string | null;
}

/**
 * Reads `FINGERPRINT` or `PERSON=FINGERPRINT`; the fingerprint in any case, with or without the
 * spaces it is shown with. Null if it is not 32 hex digits.
 */
export function parseTrustAnchor(text: string): TrustAnchor | null {
  const at = text.lastIndexOf('=');
  const person = at >= 0 ? text.slice(0, at).trim() : null;
  const digits = (at >= 0 ? text.slice(at + 1) : text).replace(/[\s:-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(digits) || person === '') return null;
  return { keyId: digits, person };
}

/** Several anchors from free text (one per line, or separated by commas or semicolons). */
export function parseTrustAnchors(text: string): { anchors: TrustAnchor[]; unreadable: string[] } {
  const anchors: TrustAnchor[] = [];
  const unreadable: string[] = [];
  for (const part of text.split(/[\n,;]+/)) {
    if (part.trim() === '') continue;
    const anchor = parseTrustAnchor(part);
    if (anchor) anchors.push(anchor);
    else unreadable.push(part.trim());
  }
  return { anchors, unreadable };
}

export type TrustResult =
  | { anchor: TrustAnchor; status: 'founder'; name: string }
  | { anchor: TrustAnchor; status: 'person'; name: string; personId: string; signed: number }
  /** Not the founder's key; the log's founder key is named so the auditor can compare. */
  | { anchor: TrustAnchor; status: 'notFounder'; founderKeyId: string | null }
  | { anchor: TrustAnchor; status: 'unknownPerson' }
  /** The person is in the log, but this is not a key registered for them there. */
  | { anchor: TrustAnchor; status: 'notPersonsKey'; personId: string; name: string; keyIds: string[] };

export const isTrusted = (result: TrustResult) => result.status === 'founder' || result.status === 'person';

/** Checks each anchor against a verified log's keys. */
export function checkTrust(ctx: ProcessContext, attribution: Attribution, anchors: readonly TrustAnchor[]): TrustResult[] {
  return anchors.map((anchor) => {
    if (anchor.person === null) {
      const founder = attribution.founder;
      return founder && founder.keyId === anchor.keyId
        ? { anchor, status: 'founder', name: founder.name }
        : { anchor, status: 'notFounder', founderKeyId: founder?.keyId ?? null };
    }
    const wanted = anchor.person.toLocaleLowerCase('de-DE');
    const person = Object.values(ctx.people).find((p) => p.personId === anchor.person || p.name.toLocaleLowerCase('de-DE') === wanted);
    if (!person) return { anchor, status: 'unknownPerson' };
    const keys = Object.values(ctx.keys).filter((k) => k.personId === person.personId);
    if (!keys.some((k) => k.keyId === anchor.keyId)) {
      return { anchor, status: 'notPersonsKey', personId: person.personId, name: person.name, keyIds: keys.map((k) => k.keyId) };
    }
    const use = attribution.signers.find((s) => s.keyId === anchor.keyId);
    return { anchor, status: 'person', name: person.name, personId: person.personId, signed: (use?.events ?? 0) + (use?.decisions ?? 0) };
  });
}

export type Continuity =
  | { status: 'extends'; oldCount: number; newCount: number }
  | { status: 'otherProcess'; oldProcessId: string; newProcessId: string }
  /** The new export has fewer events than the old one: cut short. */
  | { status: 'shorter'; oldCount: number; newCount: number; firstDiffering: number | null }
  /** At `seq` the two exports hold different events: the log was rewritten from there. */
  | { status: 'differs'; seq: number; oldHash: string; newHash: string };

/**
 * Whether `newer` begins with exactly `older`'s events. Both are verified logs, so equal hashes at
 * one position mean equal logs up to it; walking to the first difference names where they part.
 */
export function compareExports(
  older: { processId: string; events: readonly LoggedEvent[] },
  newer: { processId: string; events: readonly LoggedEvent[] },
): Continuity {
  if (older.processId !== newer.processId) {
    return { status: 'otherProcess', oldProcessId: older.processId, newProcessId: newer.processId };
  }
  const common = Math.min(older.events.length, newer.events.length);
  let firstDiffering: number | null = null;
  // The hash at the shorter length decides; only if it differs is the first difference searched.
  const oldAt = older.events[common - 1];
  const newAt = newer.events[common - 1];
  if (oldAt && newAt && oldAt.hash !== newAt.hash) {
    for (let i = 0; i < common; i++) {
      if ((older.events[i] as LoggedEvent).hash !== (newer.events[i] as LoggedEvent).hash) {
        firstDiffering = i;
        break;
      }
    }
  }
  if (newer.events.length < older.events.length) {
    return {
      status: 'shorter',
      oldCount: older.events.length,
      newCount: newer.events.length,
      firstDiffering: firstDiffering === null ? null : firstDiffering + 1,
    };
  }
  if (firstDiffering !== null) {
    const o = older.events[firstDiffering] as LoggedEvent;
    const n = newer.events[firstDiffering] as LoggedEvent;
    return { status: 'differs', seq: firstDiffering + 1, oldHash: o.hash, newHash: n.hash };
  }
  return { status: 'extends', oldCount: older.events.length, newCount: newer.events.length };
}
