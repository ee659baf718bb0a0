/**
 * A new version of a piece of evidence: new content, title and dates, and why it replaces the
 * old one. The old versions stay in the log; a sign-off that covered one of them is outdated
 * once this is saved, which the domain tells the overview.
 */
import { useId, useRef, useState } from 'react';
import type { EvidenceRecord } from '../../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { currentRevision } from '../../../machines/process/process.queries.ts';
import { useServices } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { useAppend } from '../process-data.tsx';
import { TextArea, TextField } from '../ui/Field.tsx';
import { ContentInput } from './ContentInput.tsx';
import { DatesFields, localDay, missingWords } from './form-parts.tsx';
import { evidenceMessages } from './messages.ts';
import { SaveButton } from './SaveButton.tsx';
import { useEvidenceContent } from './use-evidence-content.ts';

export function ReviseForm({
  processId,
  snapshot,
  evidence,
  onSaved,
}: {
  processId: string;
  snapshot: ProcessSnapshot;
  evidence: EvidenceRecord;
  onSaved: () => void;
}) {
  const t = useMessages(evidenceMessages);
  const { now } = useServices();
  const { build, append } = useAppend(processId, snapshot);
  const current = currentRevision(evidence);
  const next = current.revision + 1;
  const headingId = useId();
  const formRef = useRef<HTMLDivElement>(null);
  const [title, setTitle] = useState(current.title);
  const [dates, setDates] = useState({ documentDate: localDay(now()), reviewBy: '' });
  const [reason, setReason] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const content = useEvidenceContent(current.content.type);

  const missing = missingWords(t, {
    title: !title.trim(),
    date: !dates.documentDate,
    content: content.result.ok ? null : content.result.missing,
    reason: !reason.trim(),
  });
  const command = content.result.ok
    ? build({
        type: 'EvidenceRevised',
        payload: {
          evidenceId: evidence.evidenceId,
          revision: next,
          title: title.trim(),
          documentDate: dates.documentDate,
          reviewBy: dates.reviewBy || null,
          content: content.result.content,
          reason: reason.trim(),
        },
      })
    : null;

  return (
    <div className="revise-form" ref={formRef}>
      <h5 id={headingId}>{t.reviseTitle(current.title)}</h5>
      <TextField
        label={t.itemTitle}
        value={title}
        maxLength={300}
        onChange={(e) => setTitle(e.target.value)}
        error={showErrors && !title.trim() ? t.required : null}
        required
      />
      <DatesFields
        documentDate={dates.documentDate}
        reviewBy={dates.reviewBy}
        onChange={(key, value) => setDates((d) => ({ ...d, [key]: value }))}
        showErrors={showErrors}
      />
      <ContentInput state={content} showErrors={showErrors} />
      <TextArea
        label={t.reviseReason}
        value={reason}
        maxLength={1000}
        rows={2}
        onChange={(e) => setReason(e.target.value)}
        error={showErrors && !reason.trim() ? t.required : null}
        required
      />
      <SaveButton
        snapshot={snapshot}
        command={command}
        files={content.result.ok ? content.result.files : []}
        append={append}
        missing={missing}
        savedText={t.revisionSaved(next)}
        onAttempt={() => {
          setShowErrors(true);
          requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
        }}
        onSaved={onSaved}
      >
        {t.saveRevision(next)}
      </SaveButton>
    </div>
  );
}
