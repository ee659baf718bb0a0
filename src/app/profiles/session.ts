/**
 * Which passphrase profile is unlocked, and its key. Held in this module's memory only, never
 * in IndexedDB or localStorage: a reload, a lock or the idle timer forgets it. At most one
 * profile is unlocked at a time, so switching profiles locks the previous one.
 */
import { useSyncExternalStore } from 'react';

interface Unlocked {
  personId: string;
  key: CryptoKey;
}

let unlocked: Unlocked | null = null;
const listeners = new Set<() => void>();

function changed() {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Holds a profile's unlocked key in memory, replacing (locking) any other. */
export function holdUnlocked(personId: string, key: CryptoKey): void {
  unlocked = { personId, key };
  changed();
}

/** Forgets the unlocked key; every signing screen shows the unlock form again. */
export function lockProfiles(): void {
  if (!unlocked) return;
  unlocked = null;
  changed();
}

/**
 * Locks any profile other than this one: the current person changed (here or in another tab),
 * and a key must never stay unlocked for someone who is no longer working.
 */
export function lockAllBut(personId: string | null): void {
  if (unlocked && unlocked.personId !== personId) lockProfiles();
}

export function unlockedPersonId(): string | null {
  return unlocked?.personId ?? null;
}

/** The unlocked key of this person, or null while their profile is locked. */
export function useUnlockedKey(personId: string | undefined): CryptoKey | null {
  return useSyncExternalStore(
    subscribe,
    () => (unlocked && unlocked.personId === personId ? unlocked.key : null),
    () => null,
  );
}
