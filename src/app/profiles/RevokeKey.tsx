/**
 * Revoking one key of a person in a process (a director leaves office, a laptop is lost): a
 * required reason, then the KeyRevoked event. Signatures made before stay valid; later ones
 * with this key are refused. Who may revoke whose key is the engine's to say (ActionButton).
 */
import { useState } from 'react';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { fingerprint } from '../../domain/crypto/keys.ts';
import { explainCommand } from '../../domain/process-engine.ts';
import { useServices } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { useAppend } from '../process-data.tsx';
import { ActionButton, refusedForRole } from '../ui/ActionButton.tsx';
import { TextField } from '../ui/Field.tsx';
import { profileMessages } from './messages.ts';
import './profiles.css';

export function RevokeKey({
  processId,
  snapshot,
  personId,
  personName,
  keyId,
}: {
  processId: string;
  snapshot: ProcessSnapshot;
  personId: string;
  personName: string;
  keyId: string;
}) {
  const t = useMessages(profileMessages);
  const { build, append } = useAppend(processId, snapshot);
  const { engine } = useServices();
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  // An empty reason makes an invalid command: the engine names the missing field beside the button.
  const command = build({ type: 'KeyRevoked', payload: { personId, keyId, reason: reason.trim() } });
  // Others' keys are the ambassador's to revoke; a director sees the offer for their own key only.
  if (command && refusedForRole(explainCommand(engine, snapshot, command))) return null;
  return (
    <details className="revoke-key" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {t.revokeKey}
        <span className="visually-hidden">
          {' '}
          ({personName}, {fingerprint(keyId)})
        </span>
      </summary>
      {open ? (
        <div>
          <p className="hint">{t.revokeHint}</p>
          <TextField label={t.revokeReason} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} required />
          <ActionButton snapshot={snapshot} command={command} append={append} onDone={(o) => o.ok && setReason('')}>
            {t.revokeConfirm}
          </ActionButton>
        </div>
      ) : null}
    </details>
  );
}
