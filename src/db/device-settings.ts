/**
 * Settings of this device that screens read and change: the backup reminder, and which processes
 * the regional overview leaves out. Kept apart from src/db/backup.ts and src/db/region-store.ts so
 * that the start screen's reminder and the settings screen load neither ZIP nor engine code.
 */
import {
  type BackupStatus,
  backupStatusOf,
  LAST_BACKUP_SETTING,
  MAX_REMINDER_DAYS,
  REMINDER_DAYS_SETTING,
} from '../domain/import/backup-settings.ts';
import type { AnkerpunktDb } from './database.ts';

/** When the last backup was made on this device, and after how many days to remind. */
export async function backupStatus(db: AnkerpunktDb): Promise<BackupStatus> {
  const [last, days] = await Promise.all([db.settings.get(LAST_BACKUP_SETTING), db.settings.get(REMINDER_DAYS_SETTING)]);
  return backupStatusOf(last?.value, days?.value);
}

export async function setBackupReminderDays(db: AnkerpunktDb, days: number): Promise<void> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_REMINDER_DAYS) {
    throw new RangeError(`the backup reminder must be 1–${MAX_REMINDER_DAYS} days`);
  }
  await db.settings.put({ key: REMINDER_DAYS_SETTING, value: days });
}

const REGION_EXCLUDED_SETTING = 'regionExcluded';

/** The processes on this device that the user left out of the regional overview. */
export async function excludedFromRegion(db: AnkerpunktDb): Promise<string[]> {
  const value = (await db.settings.get(REGION_EXCLUDED_SETTING))?.value;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export async function setExcludedFromRegion(db: AnkerpunktDb, processIds: readonly string[]): Promise<void> {
  await db.settings.put({ key: REGION_EXCLUDED_SETTING, value: [...new Set(processIds)].sort() });
}
