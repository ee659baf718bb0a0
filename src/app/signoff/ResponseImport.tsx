/**
 * The ambassador's side, step two: reading the director's response file into this process.
 * The decision is appended through the engine like any other, so what must not enter (own
 * request, wrong role, unknown or revoked key, an edited file, a decided or outdated request)
 * is refused with the engine's reasons and nothing changes. The same file twice appends once.
 */
import { useState } from 'react';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import type { ImportResponseOutcome } from '../../db/signoff-files.ts';
import { MAX_RESPONSE_FILE_BYTES } from '../../domain/signoff-exchange.ts';
import { STORAGE_MESSAGES } from '../../i18n/storage.ts';
import { eventSignerOf, useSend, useSigner } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { DropZone } from '../ui/DropZone.tsx';
import { ReasonList } from '../ui/Reasons.tsx';
import { exchangeMessages } from './exchange-messages.ts';
import { readChosenFile } from './file-io.ts';
import './signoff-files.css';
import { Status } from '../ui/Announcer.tsx';

export function ResponseImport({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const t = useMessages(exchangeMessages);
  const { lang } = useLang();
  const send = useSend();
  const signer = useSigner();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportResponseOutcome | null>(null);
  const read = async (file: File) => {
    setBusy(true);
    setOutcome(null);
    const chosen = await readChosenFile(file, MAX_RESPONSE_FILE_BYTES);
    const result: ImportResponseOutcome = chosen.ok
      ? await send('importResponse', { processId, bytes: chosen.bytes, recorder: signer ? eventSignerOf(signer) : null })
      : { ok: false, kind: 'file', problem: { code: 'tooLarge', bytes: chosen.bytes, limit: MAX_RESPONSE_FILE_BYTES } };
    setBusy(false);
    setOutcome(result);
  };
  const name = (personId: string) => snapshot.context.people[personId]?.name ?? personId;
  const done = outcome?.ok
    ? t.imported(outcome.event.type === 'SignOffGranted' ? t.granted : t.refused, name(outcome.event.actor.personId))
    : outcome && outcome.kind === 'file' && outcome.problem.code === 'alreadyImported'
      ? t.alreadyImported
      : '';
  const failed = outcome && !outcome.ok && !(outcome.kind === 'file' && outcome.problem.code === 'alreadyImported') ? outcome : null;
  return (
    <div className="signoff-exchange">
      <DropZone
        label={t.importResponse}
        hint={t.importHint}
        dropHint={t.dropHint}
        accept="application/json,.json"
        disabled={busy}
        onFile={read}
      />
      <Status className="status-line">{busy ? t.opening : done}</Status>
      {failed ? (
        <Status as="div" className="notice notice-error">
          <p>
            <strong>{t.notRead}</strong>{' '}
            {failed.kind === 'file'
              ? t.problem(failed.problem)
              : failed.kind === 'storage'
                ? STORAGE_MESSAGES[failed.problem.code][lang]
                : null}{' '}
            {failed.kind === 'storage' ? null : t.nothingChanged}
          </p>
          {failed.kind === 'refused' ? <ReasonList reasons={failed.reasons} /> : null}
        </Status>
      ) : null}
    </div>
  );
}
