/**
 * Where the device keeps the date of its last backup and after how many days to remind. Kept
 * apart from the backup code (src/db/backup.ts) so that the start screen's reminder does not
 * download the ZIP and verification code with it.
 */
export const LAST_BACKUP_SETTING = 'lastBackupAt';
export const REMINDER_DAYS_SETTING = 'backupReminderDays';
export const DEFAULT_REMINDER_DAYS = 7;
export const MAX_REMINDER_DAYS = 365;

export interface BackupStatus {
  lastBackupAt: string | null;
  reminderDays: number;
}

/** The status from the two settings' raw values; anything unusable falls back to the defaults. */
export function backupStatusOf(last: unknown, days: unknown): BackupStatus {
  return {
    lastBackupAt: typeof last === 'string' && !Number.isNaN(Date.parse(last)) ? last : null,
    reminderDays:
      typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= MAX_REMINDER_DAYS ? days : DEFAULT_REMINDER_DAYS,
  };
}

/** Whether a reminder is due: there is data on the device and no backup within `reminderDays`. */
export function backupDue(status: BackupStatus, hasData: boolean, now: Date): boolean {
  if (!hasData) return false;
  if (status.lastBackupAt === null) return true;
  return now.getTime() - Date.parse(status.lastBackupAt) > status.reminderDays * 86_400_000;
}
