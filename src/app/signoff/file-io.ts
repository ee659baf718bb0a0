/**
 * Reading a sign-off file the person chose, with its size checked before a byte is read, so a
 * huge file dropped by mistake cannot fill the memory. (Saving files: src/app/ui/download.ts.)
 */

/** The file's bytes, or its size when it is over `limit` (then nothing is read). */
export async function readChosenFile(file: File, limit: number): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; bytes: number }> {
  if (file.size > limit) return { ok: false, bytes: file.size };
  return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()) };
}
