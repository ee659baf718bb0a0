/**
 * One kind of export: what it is, one button, and what happened. The button stays focusable
 * when the export is not possible now (aria-disabled) and says why beside it.
 */
import { type ReactNode, useCallback, useId, useState } from 'react';
import { useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { exportErrorMessage, isCancel } from './export-errors.ts';
import { exportMessages } from './messages.ts';

export function ExportCard({ title, text, children }: { title: string; text: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card export-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {typeof text === 'string' ? <p>{text}</p> : text}
      {children}
    </section>
  );
}

/** Runs one export at a time and keeps its outcome: a status sentence, or an error. */
export function useExportRun() {
  const t = useMessages(exportMessages);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (work: () => Promise<string | null>) => {
      setBusy(true);
      setDone(null);
      setError(null);
      try {
        setDone(await work());
      } catch (e) {
        if (isCancel(e)) setDone(t.cancelled);
        else setError(exportErrorMessage(e, t));
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  return { busy, done, error, run };
}

export function ExportButton({
  label,
  blockedBecause,
  busy,
  onClick,
}: {
  label: string;
  /** Why the export is not possible now; null when it is. */
  blockedBecause: string | null;
  busy: boolean;
  onClick: () => void;
}) {
  const id = useId();
  const blocked = blockedBecause !== null;
  return (
    <div className="action">
      <button
        type="button"
        className="primary"
        aria-disabled={blocked || busy ? true : undefined}
        aria-describedby={blocked ? `${id}-why` : undefined}
        onClick={() => {
          if (!blocked && !busy) onClick();
        }}
      >
        {label}
      </button>
      {blocked ? (
        <p className="why-not" id={`${id}-why`}>
          {blockedBecause}
        </p>
      ) : null}
    </div>
  );
}

export function ExportOutcome({ done, error }: { done: string | null; error: string | null }) {
  return (
    <>
      <Status className="status-line">{done ?? ''}</Status>
      {error ? <Status className="notice notice-error">{error}</Status> : null}
    </>
  );
}
