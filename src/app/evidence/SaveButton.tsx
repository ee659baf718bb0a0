/**
 * The save button of an evidence form. While the form is incomplete it says what is missing
 * (and a press marks the missing fields); once complete it is an ActionButton, so the domain
 * decides and explains. The confirmation lives here, outside both, because a saved form is
 * reset and the button that was pressed is replaced; focus then moves to the confirmation.
 */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { ProcessCommand } from '../../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import type { StoredFile } from '../../db/database.ts';
import type { AppendOutcome } from '../../db/process-store.ts';
import { useMessages } from '../i18n.tsx';
import { ActionButton } from '../ui/ActionButton.tsx';
import { Status } from '../ui/Announcer.tsx';
import { evidenceMessages } from './messages.ts';

export function SaveButton({
  snapshot,
  command,
  files,
  append,
  missing,
  onAttempt,
  onSaved,
  savedText,
  children,
}: {
  snapshot: ProcessSnapshot;
  command: ProcessCommand | null;
  files: readonly StoredFile[];
  append: (command: ProcessCommand | null, files?: readonly StoredFile[]) => Promise<AppendOutcome>;
  /** What the person still has to fill in, in words; empty when the form is complete. */
  missing: readonly string[];
  onAttempt: () => void;
  onSaved: () => void;
  savedText: string;
  children: ReactNode;
}) {
  const t = useMessages(evidenceMessages);
  const id = useId();
  const [saved, setSaved] = useState<string | null>(null);
  const confirmation = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (saved) confirmation.current?.focus();
  }, [saved]);
  return (
    <div className="save-area">
      {missing.length === 0 ? (
        <ActionButton
          snapshot={snapshot}
          command={command}
          append={append}
          files={files}
          primary
          onDone={(outcome) => {
            if (!outcome.ok) return;
            setSaved(savedText);
            onSaved();
          }}
        >
          {children}
        </ActionButton>
      ) : (
        <div className="action">
          <button
            type="button"
            className="primary"
            aria-disabled="true"
            aria-describedby={`${id}-missing`}
            onClick={() => {
              setSaved(null);
              onAttempt();
            }}
          >
            {children}
          </button>
          <div className="why-not" id={`${id}-missing`}>
            <span>{t.missing}</span>
            <ul className="reasons">
              {missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <Status ref={confirmation} tabIndex={-1} className="status-line">
        {saved && missing.length > 0 ? (
          <>
            <span aria-hidden="true">✓ </span>
            {saved}
          </>
        ) : null}
      </Status>
    </div>
  );
}
