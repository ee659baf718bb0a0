/** PLACEHOLDER (being built): backup and restore of everything on this device. */
export function BackupSection() {
  return null;
}
