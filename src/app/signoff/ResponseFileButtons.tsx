/**
 * The director's decision on a read-only copy (a request file from another device): signed like
 * a decision on this device, checked by the engine exactly as the ambassador's device will check
 * it, then saved as a response file instead of appended. Nothing changes in the copy.
 */
import { useId, useState } from 'react';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { findRequest } from '../../../machines/process/process.queries.ts';
import type { Reason } from '../../../machines/process/reasons.ts';
import { stageTemplate } from '../../../standards/rulebook.ts';
import { decide, explainCommand } from '../../domain/process-engine.ts';
import { signDecision } from '../../domain/signoff-commands.ts';
import { buildResponseFile, responseFileName, type SignedDecision, serializeExchangeFile } from '../../domain/signoff-exchange.ts';
import { type Signer, useSend, useServices } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { downloadText } from '../ui/download.ts';
import { ReasonList } from '../ui/Reasons.tsx';
import { exchangeMessages } from './exchange-messages.ts';

type Kind = 'granted' | 'refused';

export function ResponseFileButtons({
  processId,
  snapshot,
  signer,
  decision,
  onSaved,
}: {
  processId: string;
  snapshot: ProcessSnapshot;
  signer: Signer;
  decision: (kind: Kind) => SignedDecision | null;
  onSaved: () => void;
}) {
  const t = useMessages(exchangeMessages);
  const { engine, sha256, now } = useServices();
  const send = useSend();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [refused, setRefused] = useState<Reason[] | null>(null);
  const ctx = snapshot.context;
  const save = async (kind: Kind) => {
    const unsigned = decision(kind);
    if (!unsigned || busy || explainCommand(engine, snapshot, unsigned).length > 0) return;
    setBusy(true);
    setSaved(null);
    setRefused(null);
    const signed = await signDecision(snapshot, unsigned, signer.privateKey);
    // The same check the ambassador's device makes on import, the statement's signature included.
    // The event itself is signed there, by whoever reads the file in, so no event signature yet.
    const checked = await decide(engine, snapshot, signed, sha256, []);
    if (!checked.accepted) {
      setBusy(false);
      setRefused(checked.reasons);
      return;
    }
    const request = findRequest(ctx, signed.payload.requestId);
    const stageTitle = request ? stageTemplate(engine.rulebook, request.stage).title.de : ctx.stage;
    const fileName = responseFileName(ctx.agency?.name ?? processId, stageTitle, kind, now().toISOString().slice(0, 10));
    downloadText(fileName, serializeExchangeFile(buildResponseFile(processId, signed)));
    await send('noteSavedResponse', {
      processId,
      requestId: signed.payload.requestId,
      decision: kind,
      savedAt: now().toISOString(),
      fileName,
    });
    setBusy(false);
    setSaved(fileName);
    onSaved();
  };
  const buttons: { kind: Kind; label: string; primary: boolean }[] = [
    { kind: 'granted', label: t.grantToFile, primary: true },
    { kind: 'refused', label: t.refuseToFile, primary: false },
  ];
  return (
    <div className="response-file">
      <p className="hint" id={`${id}-hint`}>
        {t.responseHint}
      </p>
      {buttons.map(({ kind, label, primary }) => {
        const command = decision(kind);
        const reasons = command ? explainCommand(engine, snapshot, command) : [];
        const blocked = !command || reasons.length > 0;
        return (
          <div className="action" key={kind}>
            <button
              type="button"
              className={primary ? 'primary' : undefined}
              aria-disabled={blocked || busy ? true : undefined}
              aria-describedby={blocked ? `${id}-${kind}-why` : `${id}-hint`}
              onClick={() => save(kind)}
            >
              {label}
            </button>
            {blocked && reasons.length > 0 ? (
              <div className="why-not" id={`${id}-${kind}-why`}>
                <ReasonList reasons={reasons} />
              </div>
            ) : null}
          </div>
        );
      })}
      <Status className="status-line">{saved ? t.savedResponse(saved) : ''}</Status>
      {refused ? (
        <Status as="div" className="notice notice-error">
          <p>
            <strong>{t.notSaved}</strong>
          </p>
          <ReasonList reasons={refused} />
        </Status>
      ) : null}
    </div>
  );
}
