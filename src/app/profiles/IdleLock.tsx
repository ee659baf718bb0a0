/**
 * Locks the unlocked profile after some minutes without keyboard or pointer input, so a
 * shared device left alone does not sign for the last person who used it. Time is compared,
 * not counted: a device that slept past the limit is locked as soon as it wakes.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import type { AnkerpunktDb } from '../../db/database.ts';
import { IDLE_LOCK_DEFAULT_MINUTES, idleLockMinutes } from '../../db/reads.ts';
import { lockProfiles, unlockedPersonId } from './session.ts';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 5_000;

export function IdleLock({ db }: { db: AnkerpunktDb }) {
  const minutes = useLiveQuery(() => idleLockMinutes(db), [db]) ?? IDLE_LOCK_DEFAULT_MINUTES;
  useEffect(() => {
    let lastActivity = Date.now();
    const active = () => {
      lastActivity = Date.now();
    };
    const check = () => {
      if (unlockedPersonId() && Date.now() - lastActivity >= minutes * 60_000) lockProfiles();
      // Nothing unlocked: the idle time starts when someone unlocks, not before.
      if (!unlockedPersonId()) lastActivity = Date.now();
    };
    for (const type of ACTIVITY) window.addEventListener(type, active, { passive: true, capture: true });
    document.addEventListener('visibilitychange', check);
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, active, { capture: true });
      document.removeEventListener('visibilitychange', check);
      window.clearInterval(timer);
    };
  }, [minutes]);
  return null;
}
