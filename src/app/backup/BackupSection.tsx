/**
 * Settings → Backup: one file with everything on this device, restoring it (on a new device),
 * when the last backup was made, and after how many days the start page reminds. The backup and
 * verification code is loaded only when a button is pressed, so Settings opens fast.
 */
import { useId, useRef, useState } from 'react';
import type { RestoreOutcome } from '../../db/backup.ts';
import { MAX_REMINDER_DAYS } from '../../domain/import/backup-settings.ts';
import { useSend } from '../data.tsx';
import { formatBytes, formatDateTime, useLang, useMessages } from '../i18n.tsx';
import { downloadBlob } from '../ui/download.ts';
import { FileInput } from '../ui/FileInput.tsx';
import { backupMessages } from './messages.ts';
import { useBackupStatus } from './use-backup-status.ts';
import './backup.css';
import { Status } from '../ui/Announcer.tsx';

function CreateBackup() {
  const t = useMessages(backupMessages);
  const { lang } = useLang();
  const send = useSend();
  const [status, setStatus] = useState('');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    setStatus(t.creating);
    try {
      const { blob, at } = await send('createBackup', {
        onProgress: (done, total) => setStatus(t.progress(formatBytes(done, lang), formatBytes(total, lang))),
      });
      const name = `ankerpunkt-sicherung-${at.toISOString().slice(0, 10)}.zip`;
      downloadBlob(blob, name);
      setStatus(t.created(name, formatBytes(blob.size, lang)));
    } catch {
      setStatus('');
      setFailed(true);
    }
    setBusy(false);
  };
  return (
    <div>
      <button type="button" className="primary" onClick={create} aria-disabled={busy ? true : undefined}>
        {t.create}
      </button>
      <Status className="status-line">{status}</Status>
      {failed ? <Status className="notice notice-error">{t.createFailed}</Status> : null}
    </div>
  );
}

function RestoreSummary({ outcome }: { outcome: Extract<RestoreOutcome, { ok: true }> }) {
  const t = useMessages(backupMessages);
  const { lang } = useLang();
  return (
    <Status as="div" className="notice notice-info">
      <p>
        <span aria-hidden="true">✓ </span>
        {t.restored(formatDateTime(outcome.createdAt, lang))}
      </p>
      <ul>
        <li>{t.restoredProcesses(outcome.restored.length)}</li>
        {outcome.skipped.length > 0 ? <li>{t.skippedProcesses(outcome.skipped.length)}</li> : null}
        <li>{t.restoredFiles(outcome.files)}</li>
        {outcome.profiles.length > 0 ? <li>{t.restoredProfiles(outcome.profiles.join(', '))}</li> : null}
        {outcome.newKeys.length > 0 ? <li>{t.newKeys(outcome.newKeys.join(', '))}</li> : null}
      </ul>
    </Status>
  );
}

function RestoreBackup() {
  const t = useMessages(backupMessages);
  const { lang } = useLang();
  const send = useSend();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [status, setStatus] = useState('');
  const [outcome, setOutcome] = useState<RestoreOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmHeading = useRef<HTMLHeadingElement>(null);

  const restore = async () => {
    if (!file || busy) return;
    setBusy(true);
    setStatus(t.restoring);
    setError(null);
    setOutcome(null);
    try {
      const [{ engine }, { restoreProblemText }] = await Promise.all([
        import('../../domain/process-engine.ts'),
        import('./restore-text.ts'),
      ]);
      const eng = engine();
      const result = await send('restoreBackup', {
        file,
        onProgress: (done, total) => setStatus(t.restoreProgress(total > 0 ? Math.floor((done / total) * 100) : 100)),
      });
      setOutcome(result);
      if (!result.ok) setError(restoreProblemText(result.problem, lang, eng));
    } catch (e) {
      setError(`${t.createFailed} (${String(e)})`);
    }
    setStatus('');
    setFile(null);
    setBusy(false);
  };

  return (
    <div className="restore">
      <h3>{t.restoreTitle}</h3>
      <p className="hint">{t.restoreHint}</p>
      <div className="field">
        <label htmlFor={id}>{t.restoreFile}</label>
        <FileInput
          id={id}
          accept=".zip,application/zip"
          disabled={busy}
          onFiles={(files) => {
            const picked = files[0] ?? null;
            setFile(picked);
            setOutcome(null);
            setError(null);
            if (picked) requestAnimationFrame(() => confirmHeading.current?.focus());
          }}
        />
      </div>
      {file && !busy ? (
        <div className="notice notice-warning">
          <h4 ref={confirmHeading} tabIndex={-1}>
            {t.confirmTitle}
          </h4>
          <p>{t.confirmText(file.name)}</p>
          <button type="button" className="primary" onClick={restore}>
            {t.confirm}
          </button>{' '}
          <button type="button" onClick={() => setFile(null)}>
            {t.cancel}
          </button>
        </div>
      ) : null}
      <Status className="status-line">{status}</Status>
      {outcome?.ok ? <RestoreSummary outcome={outcome} /> : null}
      {error ? <Status className="notice notice-error">{error}</Status> : null}
    </div>
  );
}

function ReminderDays({ days }: { days: number }) {
  const t = useMessages(backupMessages);
  const send = useSend();
  const id = useId();
  const [value, setValue] = useState(String(days));
  const [message, setMessage] = useState('');
  const [invalid, setInvalid] = useState(false);
  const save = async () => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > MAX_REMINDER_DAYS) {
      setInvalid(true);
      setMessage('');
      return;
    }
    setInvalid(false);
    await send('setBackupReminder', { days: n });
    setMessage(t.reminderSaved);
  };
  return (
    <div className="field reminder-days">
      <label htmlFor={id}>{t.reminderLabel}</label>
      <p className="field-hint" id={`${id}-hint`}>
        {t.reminderHint}
      </p>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_REMINDER_DAYS}
        step={1}
        value={value}
        aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
        aria-invalid={invalid ? true : undefined}
        onChange={(e) => setValue(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
        }}
      />
      {invalid ? (
        <p className="field-error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {t.reminderInvalid}
        </p>
      ) : null}
      <Status className="status-line">{message}</Status>
    </div>
  );
}

export function BackupSection() {
  const t = useMessages(backupMessages);
  const { lang } = useLang();
  const status = useBackupStatus();
  return (
    <section aria-labelledby="backup-title" className="card" id="backup">
      <h2 id="backup-title">{t.title}</h2>
      <p>{t.intro}</p>
      <p className="hint">{t.keys}</p>
      {status ? <p>{status.lastBackupAt ? t.last(formatDateTime(status.lastBackupAt, lang)) : t.never}</p> : null}
      <CreateBackup />
      {status ? <ReminderDays key={status.reminderDays} days={status.reminderDays} /> : null}
      <RestoreBackup />
    </section>
  );
}
