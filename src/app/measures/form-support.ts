/**
 * What the measure forms share. A form's command is built even before every required field is
 * filled (with a stand-in text), so the engine can say at once whether the step is possible at
 * all (wrong stage, evidence missing); the append is guarded, so the stand-in never reaches the
 * log: an empty required field is reported next to the field instead.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProcessCommand } from '../../../machines/process/process.events.ts';
import type { StoredFile } from '../../db/database.ts';
import type { AppendOutcome } from '../../db/process-store.ts';

export type Append = (command: ProcessCommand | null, files?: readonly StoredFile[]) => Promise<AppendOutcome>;

/** Stands in for a required text not typed yet; `appendIfValid` keeps it out of the log. */
export const PENDING_TEXT = '…';

const NOT_SAVED: AppendOutcome = { ok: false, kind: 'refused', reasons: [] };

/** Appends only when `valid()` says the form is complete; `valid` shows the field errors. */
export function appendIfValid(valid: () => boolean, append: Append): Append {
  return (command, files) => (valid() ? append(command, files) : Promise.resolve(NOT_SAVED));
}

export function isIsoDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/**
 * Moves focus to the first invalid field inside the returned container once React has rendered
 * the errors (setting state and querying the DOM in the same handler would find nothing yet).
 */
export function useFocusFirstInvalid<T extends HTMLElement>() {
  const container = useRef<T>(null);
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request > 0) container.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [request]);
  const focusFirstInvalid = useCallback(() => setRequest((n) => n + 1), []);
  return { container, focusFirstInvalid };
}
