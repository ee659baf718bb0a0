/**
 * The people of a process with their roles and key fingerprints; registering a person who uses
 * this device (for example the managing director who approves on the same computer) or one
 * who sends their identity file; revoking a key. Each is an event in the log; whether it is
 * allowed (roles that may not be combined, a key already known, whose key one may revoke) is
 * the engine's to say.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import type { RoleId } from '../../../standards/schema.ts';
import { profiles } from '../../db/reads.ts';
import { fingerprint } from '../../domain/crypto/keys.ts';
import { useSend, useServices } from '../data.tsx';
import { formatDateTime, useLang, useMessages } from '../i18n.tsx';
import { useActionScope, useAppend, useReadOnly } from '../process-data.tsx';
import { profileMessages } from '../profiles/messages.ts';
import { RegisterFromIdentity } from '../profiles/RegisterFromIdentity.tsx';
import { RevokeKey } from '../profiles/RevokeKey.tsx';
import { ActionButton } from '../ui/ActionButton.tsx';
import { SelectField } from '../ui/Field.tsx';
import { signOffMessages } from './messages.ts';

export function PeopleSection({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const t = useMessages(signOffMessages);
  const p = useMessages(profileMessages);
  const { lang } = useLang();
  const { db, engine } = useServices();
  const send = useSend();
  const { build, append } = useAppend(processId, snapshot);
  // A read-only copy is for reviewing: who is registered is shown, changing it is not offered.
  const readOnly = useReadOnly() !== null;
  const { may } = useActionScope(snapshot);
  const identities = useLiveQuery(() => profiles(db), [db]) ?? [];
  const [personId, setPersonId] = useState('');
  const [role, setRole] = useState<RoleId>('managingDirector');
  const ctx = snapshot.context;
  const roleLabel = (id: string) => engine.rulebook.template.roles.find((r) => r.id === id)?.label[lang] ?? id;
  const unregistered = identities.filter((i) => !ctx.people[i.personId]);
  const chosen = unregistered.find((i) => i.personId === personId);
  // The new key's proof that it agrees to be registered; a profile from before proofs existed
  // makes it now if its key is usable without a passphrase (else the engine's refusal says why).
  const [keyProof, setKeyProof] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    setKeyProof(chosen?.keyProof ?? null);
    if (chosen && !chosen.keyProof) {
      send('proveKey', { identity: chosen }).then((proof) => {
        if (current) setKeyProof(proof);
      });
    }
    return () => {
      current = false;
    };
  }, [send, chosen]);
  const command = chosen
    ? build({
        type: 'PersonRegistered',
        payload: {
          personId: chosen.personId,
          name: chosen.name,
          roles: [role],
          organisation: chosen.organisation,
          key: chosen.publicKey,
          ...(keyProof ? { keyProof } : {}),
        },
      })
    : null;
  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">{t.people}</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.person}</th>
              <th scope="col">{t.role}</th>
              <th scope="col">{t.key}</th>
            </tr>
          </thead>
          <tbody>
            {Object.values(ctx.people).map((person) => (
              <tr key={person.personId}>
                <th scope="row">
                  {person.name}
                  {person.organisation ? <span className="hint"> · {person.organisation}</span> : null}
                </th>
                <td>{person.roles.map(roleLabel).join(', ')}</td>
                <td>
                  {Object.values(ctx.keys)
                    .filter((k) => k.personId === person.personId)
                    .map((k) => (
                      <span key={k.keyId} className="fingerprint-line">
                        <code>{fingerprint(k.keyId)}</code>
                        {k.revokedAt ? (
                          ` (${p.revokedAt(formatDateTime(k.revokedAt, lang), k.revokeReason ?? '')})`
                        ) : readOnly ? null : (
                          <RevokeKey
                            processId={processId}
                            snapshot={snapshot}
                            personId={person.personId}
                            personName={person.name}
                            keyId={k.keyId}
                          />
                        )}
                      </span>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {readOnly || !may('PersonRegistered') ? null : (
        <>
          <details className="register-person">
            <summary>{t.registerTitle}</summary>
            <p className="hint">{t.registerHint}</p>
            {unregistered.length === 0 ? (
              <p>{t.none}</p>
            ) : (
              <>
                <SelectField label={t.person} value={personId} onChange={(e) => setPersonId(e.target.value)}>
                  <option value="">{t.choose}</option>
                  {unregistered.map((i) => (
                    <option key={i.personId} value={i.personId}>
                      {i.name} – {fingerprint(i.publicKey.keyId)}
                    </option>
                  ))}
                </SelectField>
                <SelectField label={t.role} value={role} onChange={(e) => setRole(e.target.value as RoleId)}>
                  {engine.rulebook.template.roles.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.label[lang]}
                    </option>
                  ))}
                </SelectField>
                <ActionButton snapshot={snapshot} command={command} append={append} onDone={(o) => o.ok && setPersonId('')}>
                  {t.register}
                </ActionButton>
              </>
            )}
          </details>
          <RegisterFromIdentity processId={processId} snapshot={snapshot} />
        </>
      )}
    </section>
  );
}
