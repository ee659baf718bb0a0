/**
 * On the start page: a notice when the data on this device has no backup, or only one older than
 * the set number of days, with a link to the backup in Settings. Light on purpose: it reads two
 * settings and counts processes, and loads no backup code.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { ownProcessCount } from '../../db/reads.ts';
import { backupDue } from '../../domain/import/backup-settings.ts';
import { useBaseServices } from '../data.tsx';
import { formatDateTime, useLang, useMessages } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { backupMessages } from './messages.ts';
import { useBackupStatus } from './use-backup-status.ts';
import './backup.css';

export function BackupReminder() {
  const t = useMessages(backupMessages);
  const { lang } = useLang();
  const { db, now } = useBaseServices();
  const status = useBackupStatus();
  const ownProcesses = useLiveQuery(() => ownProcessCount(db), [db]);
  if (!status || ownProcesses === undefined || !backupDue(status, ownProcesses > 0, now())) return null;
  return (
    <div className="notice notice-warning backup-reminder" role="note" aria-labelledby="backup-reminder-title">
      <h2 id="backup-reminder-title">
        <span aria-hidden="true">⚠ </span>
        {t.reminderTitle}
      </h2>
      <p>{status.lastBackupAt ? t.reminderOld(status.reminderDays, formatDateTime(status.lastBackupAt, lang)) : t.reminderNever}</p>
      <p>
        <Link to={{ screen: 'settings' }}>{t.reminderLink}</Link>
      </p>
    </div>
  );
}
