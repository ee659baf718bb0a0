/** The backup status from the settings table, live: the date of the last backup and the reminder days. */
import { useLiveQuery } from 'dexie-react-hooks';
import { type BackupStatus, backupStatusOf, LAST_BACKUP_SETTING, REMINDER_DAYS_SETTING } from '../../domain/import/backup-settings.ts';
import { useBaseServices } from '../data.tsx';

export function useBackupStatus(): BackupStatus | undefined {
  const { db } = useBaseServices();
  return useLiveQuery(async () => {
    const [last, days] = await Promise.all([db.settings.get(LAST_BACKUP_SETTING), db.settings.get(REMINDER_DAYS_SETTING)]);
    return backupStatusOf(last?.value, days?.value);
  }, [db]);
}
