/**
 * A button for one process action. It asks the engine whether the action is possible now
 * (`explain`); if not, the button stays focusable (aria-disabled) and the reasons are shown
 * beside it and read with it. A disabled button without a reason would be a bug.
 */
import { type ReactNode, useId, useState } from 'react';
import type { ProcessCommand } from '../../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import type { StoredFile } from '../../db/database.ts';
import type { AppendOutcome } from '../../db/process-store.ts';
import { explainCommand } from '../../domain/process-engine.ts';
import { useServices } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { useReadOnly } from '../process-data.tsx';
import { OutcomeMessage, ReasonList } from './Reasons.tsx';
import './action-button.css';
import { Status } from './Announcer.tsx';

const messages = {
  de: {
    notPossible: 'Derzeit nicht möglich:',
    saved: 'Gespeichert.',
    working: 'Wird gespeichert …',
    readOnly: 'Dies ist eine Kopie nur zum Lesen; ändern lässt sich nur das Original.',
  },
  en: {
    notPossible: 'Not possible at the moment:',
    saved: 'Saved.',
    working: 'Saving …',
    readOnly: 'This is a read-only copy; only the original can be changed.',
  },
};

/**
 * Refusals that no change of the form or the process can lift for this person: the role may not
 * record this at all. Such an action is not offered; the role note above the tabs says once
 * what the person's role can do.
 */
const ROLE_REFUSALS: ReadonlySet<string> = new Set(['roleMayNot', 'actorNotRegistered', 'actorLacksRole', 'revokeOthersKey']);

export function refusedForRole(reasons: readonly { code: string }[]): boolean {
  return reasons.some((r) => ROLE_REFUSALS.has(r.code));
}

export function ActionButton({
  snapshot,
  command,
  append,
  children,
  primary,
  files,
  onDone,
  sign,
}: {
  snapshot: ProcessSnapshot;
  command: ProcessCommand | null;
  append: (command: ProcessCommand | null, files?: readonly StoredFile[]) => Promise<AppendOutcome>;
  children: ReactNode;
  primary?: boolean;
  files?: readonly StoredFile[];
  onDone?: (outcome: AppendOutcome) => void;
  /** Completes the command just before it is sent, e.g. with a signature over what was shown. */
  sign?: (command: ProcessCommand) => Promise<ProcessCommand>;
}) {
  const t = useMessages(messages);
  const { engine } = useServices();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<AppendOutcome | null>(null);
  const readOnly = useReadOnly() !== null;
  const reasons = command && !readOnly ? explainCommand(engine, snapshot, command) : [];
  const blocked = !command || readOnly || reasons.length > 0;
  // After a successful step the same command may be refused for role (e.g. a revoked own key):
  // the outcome still has to be shown, so hiding only applies before anything was done.
  if (!outcome && refusedForRole(reasons)) return null;
  const run = async () => {
    if (blocked || busy) return;
    setBusy(true);
    const result = await append(sign && command ? await sign(command) : command, files);
    setBusy(false);
    setOutcome(result);
    onDone?.(result);
  };
  return (
    <div className="action">
      <button
        type="button"
        className={primary ? 'primary' : undefined}
        aria-disabled={blocked || busy ? true : undefined}
        aria-describedby={blocked ? `${id}-why` : undefined}
        onClick={run}
      >
        {children}
      </button>
      {readOnly ? (
        <p className="why-not" id={`${id}-why`}>
          {t.readOnly}
        </p>
      ) : null}
      {blocked && reasons.length > 0 ? (
        <div className="why-not" id={`${id}-why`}>
          <span>{t.notPossible}</span>
          <ReasonList reasons={reasons} />
        </div>
      ) : null}
      <Status className="status-line">{busy ? t.working : outcome?.ok ? t.saved : ''}</Status>
      <OutcomeMessage outcome={outcome} />
    </div>
  );
}
