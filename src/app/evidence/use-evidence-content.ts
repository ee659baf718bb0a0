/**
 * The content of a new evidence item or revision while it is being entered: a file (checked for
 * size, then hashed in slices with progress), a link or a note (hashed as their UTF-8 text). The
 * result is the `content` the event records, plus the file to store beside it, or what is still
 * missing. Hashing happens here, before any transaction: the store only writes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EvidenceContent } from '../../../machines/process/process.events.ts';
import type { StoredFile } from '../../db/database.ts';
import { isFileStored } from '../../db/reads.ts';
import { hashBlob, MAX_EVIDENCE_BYTES } from '../../domain/crypto/hash-file.ts';
import { useServices } from '../data.tsx';

export type ContentMode = EvidenceContent['type'];

export type FileState =
  | { status: 'empty' }
  | { status: 'tooLarge'; name: string; size: number }
  | { status: 'hashing'; name: string; done: number; total: number }
  | { status: 'cancelled' }
  | { status: 'failed'; name: string }
  | { status: 'ready'; name: string; stored: StoredFile; alreadyStored: boolean };

export type Missing = 'file' | 'url' | 'note' | 'digest';

export type ContentResult = { ok: true; content: EvidenceContent; files: StoredFile[] } | { ok: false; missing: Missing };

/** Only web addresses: a `javascript:` or `file:` link must never become evidence. */
export function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const MAX_NAME = 255;

/** The event's `mediaType`: as declared by the browser, or generic when it declares nothing. */
function declaredType(file: File): string {
  const type = file.type.trim().slice(0, 255);
  return type || 'application/octet-stream';
}

export function useEvidenceContent(initialMode: ContentMode = 'file') {
  const { db, sha256 } = useServices();
  const [mode, setMode] = useState<ContentMode>(initialMode);
  const [file, setFile] = useState<FileState>({ status: 'empty' });
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const [digest, setDigest] = useState<{ text: string; sha256: string } | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  // A file still being hashed when the form goes away is abandoned, not finished in the background.
  useEffect(() => () => abortRef.current?.abort(), []);

  const text = mode === 'link' ? url.trim() : mode === 'note' ? note.trim() : '';
  useEffect(() => {
    if (!text) return;
    let current = true;
    Promise.resolve(sha256(text)).then((hex) => {
      if (current) setDigest({ text, sha256: hex });
    });
    return () => {
      current = false;
    };
  }, [text, sha256]);

  const pickFile = useCallback(
    async (picked: File) => {
      abortRef.current?.abort();
      const name = picked.name.trim().slice(0, MAX_NAME) || 'datei';
      if (picked.size > MAX_EVIDENCE_BYTES) {
        setFile({ status: 'tooLarge', name, size: picked.size });
        return;
      }
      const controller = new AbortController();
      abortRef.current = controller;
      setFile({ status: 'hashing', name, done: 0, total: picked.size });
      try {
        const hex = await hashBlob(
          picked,
          (done, total) => !controller.signal.aborted && setFile({ status: 'hashing', name, done, total }),
          controller.signal,
        );
        const mediaType = declaredType(picked);
        const alreadyStored = await isFileStored(db, hex);
        if (controller.signal.aborted) return;
        const stored: StoredFile = { sha256: hex, blob: new Blob([picked], { type: mediaType }), size: picked.size, mediaType };
        setFile({ status: 'ready', name, stored, alreadyStored });
      } catch (error) {
        if (controller.signal.aborted) return;
        // A file that vanished or changed on disk while being read.
        console.warn('evidence file could not be read', error);
        setFile({ status: 'failed', name });
      }
    },
    [db],
  );

  const cancel = useCallback(() => {
    abortRef.current?.abort();
    setFile({ status: 'cancelled' });
  }, []);

  const reset = useCallback(() => {
    abortRef.current?.abort();
    setFile({ status: 'empty' });
    setUrl('');
    setNote('');
  }, []);

  return { mode, setMode, file, pickFile, cancel, url, setUrl, note, setNote, reset, result: resultOf(mode, file, text, digest) };
}

function resultOf(mode: ContentMode, file: FileState, text: string, digest: { text: string; sha256: string } | null): ContentResult {
  if (mode === 'file') {
    if (file.status !== 'ready') return { ok: false, missing: 'file' };
    const { stored, name } = file;
    const content: EvidenceContent = { type: 'file', name, mediaType: stored.mediaType, size: stored.size, sha256: stored.sha256 };
    return { ok: true, content, files: [stored] };
  }
  if (mode === 'link' && !isWebAddress(text)) return { ok: false, missing: 'url' };
  if (mode === 'note' && !text) return { ok: false, missing: 'note' };
  if (digest?.text !== text) return { ok: false, missing: 'digest' };
  const content: EvidenceContent =
    mode === 'link' ? { type: 'link', url: text, sha256: digest.sha256 } : { type: 'note', text, sha256: digest.sha256 };
  return { ok: true, content, files: [] };
}

export type EvidenceContentState = ReturnType<typeof useEvidenceContent>;
