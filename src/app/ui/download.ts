/**
 * Handing a file made on this device to the person, as a download: nothing is sent anywhere.
 * One place for it, so every export (JSON, CSV, calendar, identity, sign-off files, backups)
 * behaves the same way.
 */

export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL only after the click has returned, and a large Blob takes a while.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadText(name: string, text: string, mediaType = 'application/json'): void {
  downloadBlob(new Blob([text], { type: mediaType }), name);
}
