/**
 * Choosing the content of a piece of evidence: a file, a link or a note. The file input is an
 * ordinary labelled <input type="file"> that works by keyboard; dropping a file onto the zone
 * around it is an extra for mouse users, not the way in (ui/DropZone.tsx).
 */
import { useId } from 'react';
import { formatBytes, useLang, useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { DropZone } from '../ui/DropZone.tsx';
import { FieldError, TextArea, TextField } from '../ui/Field.tsx';
import { evidenceMessages } from './messages.ts';
import { type ContentMode, type EvidenceContentState, type FileState, isWebAddress } from './use-evidence-content.ts';

function FileStatus({ file, onCancel }: { file: FileState; onCancel: () => void }) {
  const t = useMessages(evidenceMessages);
  const { lang } = useLang();
  const progressId = useId();
  switch (file.status) {
    case 'empty':
      return null;
    case 'tooLarge':
      return (
        <Status className="field-error">
          <span aria-hidden="true">⚠ </span>
          {t.tooLarge(file.name, formatBytes(file.size, lang))}
        </Status>
      );
    case 'hashing': {
      const percent = file.total === 0 ? 100 : Math.floor((file.done / file.total) * 100);
      return (
        <div className="hash-progress">
          <label htmlFor={progressId}>{t.hashing(file.name)}</label>
          <div className="hash-progress-row">
            <progress id={progressId} max={file.total || 1} value={file.done} />
            <span aria-hidden="true">{t.percent(percent)}</span>
            <button type="button" onClick={onCancel}>
              {t.cancel}
            </button>
          </div>
        </div>
      );
    }
    case 'cancelled':
      return <Status>{t.hashCancelled}</Status>;
    case 'failed':
      return (
        <Status className="field-error">
          <span aria-hidden="true">⚠ </span>
          {t.hashFailed(file.name)}
        </Status>
      );
    case 'ready':
      return (
        <Status as="div" className="file-ready">
          <p>
            <span aria-hidden="true">✓ </span>
            {t.fileReady(file.name, formatBytes(file.stored.size, lang))}
          </p>
          {file.alreadyStored ? <p>{t.alreadyStored}</p> : null}
        </Status>
      );
  }
}

function FilePicker({ state, error }: { state: EvidenceContentState; error: string | null }) {
  const t = useMessages(evidenceMessages);
  const id = useId();
  return (
    <div className="file-picker">
      <p className="notice notice-warning" id={`${id}-privacy`}>
        <span aria-hidden="true">⚠ </span>
        {t.privacy}
      </p>
      <DropZone
        label={t.chooseFile}
        hint={t.fileLimit}
        dropHint={t.dropHint}
        dropNow={t.dropNow}
        describedBy={`${id}-privacy${error ? ` ${id}-error` : ''}`}
        invalid={Boolean(error)}
        onFile={(file) => void state.pickFile(file)}
      />
      <FieldError id={`${id}-error`} error={error} />
      <FileStatus file={state.file} onCancel={state.cancel} />
    </div>
  );
}

const MODES: ContentMode[] = ['file', 'link', 'note'];

/** `showErrors` is set once the person has tried to save, so fields are not red from the start. */
export function ContentInput({ state, showErrors }: { state: EvidenceContentState; showErrors: boolean }) {
  const t = useMessages(evidenceMessages);
  const name = useId();
  const missing = state.result.ok ? null : state.result.missing;
  const urlError = state.url.trim() && !isWebAddress(state.url.trim()) ? t.badUrl : showErrors && missing === 'url' ? t.required : null;
  return (
    <div className="content-input">
      <fieldset className="choices">
        <legend>{t.contentType}</legend>
        {MODES.map((mode) => (
          <label key={mode} className="choice">
            <input type="radio" name={name} value={mode} checked={state.mode === mode} onChange={() => state.setMode(mode)} />
            {t[mode]}
          </label>
        ))}
      </fieldset>
      {state.mode === 'file' ? (
        <FilePicker state={state} error={showErrors && missing === 'file' && state.file.status === 'empty' ? t.required : null} />
      ) : null}
      {state.mode === 'link' ? (
        <TextField
          label={t.url}
          hint={t.urlHint}
          type="url"
          inputMode="url"
          maxLength={2000}
          value={state.url}
          error={urlError}
          onChange={(e) => state.setUrl(e.target.value)}
          required
        />
      ) : null}
      {state.mode === 'note' ? (
        <TextArea
          label={t.noteText}
          maxLength={10_000}
          rows={5}
          value={state.note}
          error={showErrors && missing === 'note' ? t.required : null}
          onChange={(e) => state.setNote(e.target.value)}
          required
        />
      ) : null}
    </div>
  );
}
