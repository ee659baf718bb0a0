/**
 * The director's side, step one: opening a request file from another device. It is verified in
 * full (chain, signatures, the exporter's signed head, replay, every evidence file's digest,
 * the request still open) and stored as a read-only copy; then the review opens.
 */
import { useState } from 'react';
import type { OpenRequestProblem } from '../../db/signoff-files.ts';
import { MAX_REQUEST_FILE_BYTES } from '../../domain/signoff-exchange.ts';
import { STORAGE_MESSAGES } from '../../i18n/storage.ts';
import { useSend } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { Link, navigate } from '../router.tsx';
import { DropZone } from '../ui/DropZone.tsx';
import { exchangeMessages } from './exchange-messages.ts';
import { readChosenFile } from './file-io.ts';
import './signoff-files.css';
import { Status } from '../ui/Announcer.tsx';

export function RequestFileOpen() {
  const t = useMessages(exchangeMessages);
  const { lang } = useLang();
  const send = useSend();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<OpenRequestProblem | null>(null);
  const open = async (file: File) => {
    setBusy(true);
    setProblem(null);
    const chosen = await readChosenFile(file, MAX_REQUEST_FILE_BYTES);
    const out = chosen.ok
      ? await send('openRequestFile', { bytes: chosen.bytes })
      : ({ ok: false, problem: { code: 'tooLarge', bytes: chosen.bytes, limit: MAX_REQUEST_FILE_BYTES } } as const);
    setBusy(false);
    if (out.ok) navigate({ screen: 'process', processId: out.processId, tab: 'overview' });
    else setProblem(out.problem);
  };
  return (
    <div className="signoff-exchange">
      <DropZone
        label={t.openRequest}
        hint={t.openHint}
        dropHint={t.dropHint}
        accept="application/json,.json"
        disabled={busy}
        onFile={open}
      />
      <Status className="status-line">{busy ? t.opening : ''}</Status>
      {problem ? (
        <Status as="div" className="notice notice-error">
          <p>
            <strong>{t.notRead}</strong> {problem.code === 'storage' ? STORAGE_MESSAGES[problem.problem.code][lang] : t.problem(problem)}{' '}
            {t.nothingChanged}
          </p>
          {problem.code === 'ownProcess' ? (
            <p>
              <Link to={{ screen: 'process', processId: problem.processId, tab: 'overview' }}>{t.toOwnProcess}</Link>
            </p>
          ) : null}
        </Status>
      ) : null}
    </div>
  );
}
