/**
 * After a take-over: who continues the process on this device. The engine only accepts entries
 * from people registered in the process, and sign-offs only with keys registered there. So the
 * person chooses themselves among the process's ambassadors; this device makes them a key (or
 * uses the profile it has) and records it with KeyRegistered. A person not in the process yet
 * cannot register themselves: only an ambassador already in it may (PersonRegistered).
 */
import { useState } from 'react';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import type { Identity } from '../../db/database.ts';
import { adoptIdentity, setCurrentIdentity } from '../../db/identities.ts';
import type { AppendOutcome } from '../../db/process-store.ts';
import { appendCommand } from '../../db/process-store.ts';
import { generateSigningKey } from '../../domain/crypto/keys.ts';
import { useCurrentIdentity, useServices } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { timeFor } from '../process-data.tsx';
import { SelectField } from '../ui/Field.tsx';
import { OutcomeMessage } from '../ui/Reasons.tsx';
import { verifyMessages } from './messages.ts';

export function ContinueAs({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const t = useMessages(verifyMessages);
  const { db, engine, sha256, now } = useServices();
  const current = useCurrentIdentity();
  const ctx = snapshot.context;
  const ambassadors = Object.values(ctx.people).filter((p) => p.roles.includes('ambassador'));
  const [personId, setPersonId] = useState(ambassadors[0]?.personId ?? '');
  const [done, setDone] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<AppendOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  const currentKey = current ? ctx.keys[current.publicKey.keyId] : undefined;
  if (current && currentKey && currentKey.personId === current.personId && currentKey.revokedAt === null && !done) {
    return <p>{t.alreadyRegistered(current.name)}</p>;
  }

  const register = async () => {
    const person = ctx.people[personId];
    if (!person || busy) return;
    setBusy(true);
    let identity: Identity | undefined = await db.identities.get(person.personId);
    if (!identity) {
      const key = await generateSigningKey(false);
      identity = {
        personId: person.personId,
        name: person.name,
        organisation: person.organisation,
        roles: person.roles,
        protection: 'device',
        privateKey: key.privateKey,
        publicKey: key.record,
        createdAt: now().toISOString(),
      };
      await adoptIdentity(db, identity, true);
    } else await setCurrentIdentity(db, identity.personId);
    if (!ctx.keys[identity.publicKey.keyId]) {
      const result = await appendCommand(db, engine, sha256, processId, {
        type: 'KeyRegistered',
        id: crypto.randomUUID(),
        at: timeFor(snapshot, now()),
        actor: { personId: person.personId, role: 'ambassador' },
        payload: { personId: person.personId, key: identity.publicKey },
      });
      setOutcome(result);
      if (!result.ok) {
        setBusy(false);
        return;
      }
    }
    setBusy(false);
    setDone(person.name);
  };

  return (
    <div className="continue-as">
      <h3>{t.continueTitle}</h3>
      {done ? (
        <div role="status">
          <p>
            <span aria-hidden="true">✓ </span>
            {t.registered(done)}
          </p>
          <p>{t.revokeHint}</p>
        </div>
      ) : ambassadors.length === 0 ? (
        <p>{t.continueNone}</p>
      ) : (
        <>
          <p className="hint">{t.continueHint}</p>
          <SelectField label={t.continueAs} value={personId} onChange={(e) => setPersonId(e.target.value)}>
            {ambassadors.map((p) => (
              <option key={p.personId} value={p.personId}>
                {p.name}
                {p.organisation ? ` (${p.organisation})` : ''}
              </option>
            ))}
          </SelectField>
          <button type="button" className="primary" onClick={register} aria-disabled={busy ? true : undefined}>
            {t.register}
          </button>
          <OutcomeMessage outcome={outcome} />
        </>
      )}
    </div>
  );
}
