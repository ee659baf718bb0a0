/** The backup status from the settings table, live: the date of the last backup and the reminder days. */
import { useLiveQuery } from 'dexie-react-hooks';
import { backupStatus } from '../../db/reads.ts';
import type { BackupStatus } from '../../domain/import/backup-settings.ts';
import { useBaseServices } from '../data.tsx';

export function useBackupStatus(): BackupStatus | undefined {
  const { db } = useBaseServices();
  return useLiveQuery(() => backupStatus(db), [db]);
}
