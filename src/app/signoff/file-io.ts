/**
 * Handing sign-off files to and from the person: a download made on this device (nothing is
 * sent anywhere), and reading a chosen file with its size checked before a byte is read, so a
 * huge file dropped by mistake cannot fill the memory.
 */

export function saveTextFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL only after the click has returned.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file's bytes, or its size when it is over `limit` (then nothing is read). */
export async function readChosenFile(file: File, limit: number): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; bytes: number }> {
  if (file.size > limit) return { ok: false, bytes: file.size };
  return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()) };
}
