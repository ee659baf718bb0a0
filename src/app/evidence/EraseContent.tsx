/**
 * Erasing the content of one file revision, behind a <details> so it is never one slip away:
 * it says what stays in the log and what is gone, asks for a reason, and sends the erasure
 * through an ActionButton, so the domain decides and explains (wrong role, already erased …).
 * Storage deletes the bytes in the same transaction unless another process still needs them.
 */
import { useId, useState } from 'react';
import type { EvidenceRecord, EvidenceRevision } from '../../../machines/process/process.context.ts';
import type { ProcessCommand } from '../../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import type { EraseOutcome } from '../../db/erase.ts';
import { eventSignerOf, useSend } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { useActionScope, useAppend } from '../process-data.tsx';
import { ActionButton } from '../ui/ActionButton.tsx';
import { TextArea } from '../ui/Field.tsx';
import { evidenceMessages } from './messages.ts';
import './erase.css';

export function EraseContent({
  processId,
  snapshot,
  evidence,
  revision,
  onErased,
}: {
  processId: string;
  snapshot: ProcessSnapshot;
  evidence: EvidenceRecord;
  revision: EvidenceRevision;
  /** Told once the erasure is recorded, with what became of the bytes. */
  onErased: (outcome: Extract<EraseOutcome, { ok: true }>) => void;
}) {
  const t = useMessages(evidenceMessages);
  const send = useSend();
  const { build, signer } = useAppend(processId, snapshot);
  const headingId = useId();
  const [reason, setReason] = useState('');
  const { may } = useActionScope(snapshot);
  const { content } = revision;
  if (content.type !== 'file' || revision.erasure || !may('EvidenceErased')) return null;

  const command = build({
    type: 'EvidenceErased',
    payload: { evidenceId: evidence.evidenceId, revision: revision.revision, sha256: content.sha256, reason: reason.trim() },
  });
  const erase = async (cmd: ProcessCommand | null): Promise<EraseOutcome> => {
    if (!cmd) return { ok: false, kind: 'storage', problem: { code: 'failed', detail: 'not ready' } };
    const outcome = await send('eraseContent', { processId, command: cmd, signer: signer ? eventSignerOf(signer) : null });
    if (outcome.ok) onErased(outcome);
    return outcome;
  };

  return (
    <details className="erase-content">
      <summary>{t.eraseOpen}</summary>
      <section className="erase-panel" aria-labelledby={headingId}>
        <h5 id={headingId}>{t.eraseTitle(revision.revision)}</h5>
        <p>{t.eraseWhen}</p>
        <ul>
          <li>{t.eraseKeeps}</li>
          <li>{t.eraseGone}</li>
          <li>{t.eraseStale}</li>
        </ul>
        <TextArea
          label={t.eraseReason}
          hint={t.eraseReasonHint}
          value={reason}
          maxLength={1000}
          rows={2}
          onChange={(e) => setReason(e.target.value)}
          required
        />
        <ActionButton snapshot={snapshot} command={command} append={erase}>
          {t.eraseConfirm(content.name)}
        </ActionButton>
      </section>
    </details>
  );
}
