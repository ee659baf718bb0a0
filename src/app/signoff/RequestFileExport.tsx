/**
 * The ambassador's side of a sign-off on another device, step one: the open request as a file
 * for the managing director. The whole log goes with it, its head signed by the person
 * exporting, so the director's device can verify what it shows without trusting the file.
 */
import { useState } from 'react';
import type { SignOffRequestRecord } from '../../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { stageTemplate } from '../../../standards/rulebook.ts';
import { exportRequestFile } from '../../db/process-reads.ts';
import { requestFileName } from '../../domain/signoff-exchange.ts';
import { useServices, useSigner } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { timeFor } from '../process-data.tsx';
import { UnlockPrompt } from '../profiles/UnlockPrompt.tsx';
import { downloadText } from '../ui/download.ts';
import { exchangeMessages } from './exchange-messages.ts';
import './signoff-files.css';
import { Status } from '../ui/Announcer.tsx';

type Outcome = { ok: true; name: string; missing: string[] } | { ok: false; message: string } | null;

export function RequestFileExport({
  processId,
  snapshot,
  request,
}: {
  processId: string;
  snapshot: ProcessSnapshot;
  request: SignOffRequestRecord;
}) {
  const t = useMessages(exchangeMessages);
  const { db, engine, now } = useServices();
  const signer = useSigner();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const ctx = snapshot.context;
  const key = signer ? ctx.keys[signer.identity.publicKey.keyId] : undefined;
  // The director's device checks the head signature: only a registered, unrevoked key makes a file it accepts.
  const registered = key !== undefined && key.personId === signer?.identity.personId && key.revokedAt === null;
  const save = async () => {
    if (!signer || busy || !registered) return;
    setBusy(true);
    const at = timeFor(snapshot, now());
    const out = await exportRequestFile(db, engine, {
      processId,
      requestId: request.requestId,
      exporter: { personId: signer.identity.personId, key: { privateKey: signer.privateKey, record: signer.identity.publicKey } },
      exportedAt: at,
    });
    setBusy(false);
    if (!out.ok) {
      setOutcome({ ok: false, message: t.problem(out.problem) });
      return;
    }
    const name = requestFileName(ctx.agency?.name ?? processId, stageTemplate(engine.rulebook, request.stage).title.de, at.slice(0, 10));
    downloadText(name, out.text);
    setOutcome({ ok: true, name, missing: out.missingFiles });
  };
  return (
    <div className="request-export">
      <UnlockPrompt />
      {signer ? (
        <>
          <button
            type="button"
            onClick={save}
            aria-disabled={busy || !registered ? true : undefined}
            aria-describedby={`export-${request.requestId}`}
          >
            {t.exportRequest}
          </button>
          <p className="field-hint" id={`export-${request.requestId}`}>
            {registered ? t.exportHint : t.exporterNotRegistered}
          </p>
        </>
      ) : null}
      <Status className="status-line">{busy ? t.exporting : outcome?.ok ? t.exported(outcome.name) : ''}</Status>
      {outcome?.ok && outcome.missing.length > 0 ? (
        <p className="notice notice-warning">{t.missingFiles(outcome.missing.join(', '))}</p>
      ) : null}
      {outcome && !outcome.ok ? (
        <Status as="div" className="notice notice-error">
          <p>
            <strong>{t.notSaved}</strong> {outcome.message}
          </p>
        </Status>
      ) : null}
    </div>
  );
}
