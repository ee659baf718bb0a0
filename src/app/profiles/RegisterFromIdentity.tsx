/**
 * Registering a person from their identity file (process overview): the file or the text from
 * its QR code is read as hostile input; what it says is shown with name and fingerprint large, and
 * only after the ambassador confirms having compared the fingerprint with the person is the
 * registration offered. A person already in the process with another key gets the new key
 * registered instead. Whether either is allowed is the engine's to say (ActionButton).
 */
import { useId, useState } from 'react';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import type { RoleId } from '../../../standards/schema.ts';
import { type IdentityFile, type IdentityFileProblem, MAX_IDENTITY_FILE_BYTES, parseIdentityFile } from '../../domain/identity-file.ts';
import { useServices } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { useAppend } from '../process-data.tsx';
import { ActionButton } from '../ui/ActionButton.tsx';
import { SelectField, TextArea } from '../ui/Field.tsx';
import { FileInput } from '../ui/FileInput.tsx';
import { Fingerprint } from './Fingerprint.tsx';
import { describeIdentityProblem } from './identity-problem.ts';
import { profileMessages } from './messages.ts';
import './profiles.css';
import { Status } from '../ui/Announcer.tsx';

type Read =
  | { kind: 'none' }
  | { kind: 'problem'; problem: IdentityFileProblem | 'unreadable' }
  | { kind: 'identity'; identity: IdentityFile };

export function RegisterFromIdentity({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const t = useMessages(profileMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const { build, append } = useAppend(processId, snapshot);
  const fileId = useId();
  const [read, setRead] = useState<Read>({ kind: 'none' });
  const [pasted, setPasted] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [role, setRole] = useState<RoleId>('managingDirector');
  const [status, setStatus] = useState('');

  const accept = (outcome: Awaited<ReturnType<typeof parseIdentityFile>>) => {
    setConfirmed(false);
    if (outcome.ok) {
      setRead({ kind: 'identity', identity: outcome.identity });
      setRole(outcome.identity.suggestedRoles[0] ?? 'managingDirector');
      setStatus(t.fileRead(outcome.identity.name));
    } else {
      setRead({ kind: 'problem', problem: outcome.problem });
      setStatus('');
    }
  };

  const pickFile = async (file: File | undefined) => {
    if (!file) return;
    // The size is known before reading: an oversized file is never read into memory.
    if (file.size > MAX_IDENTITY_FILE_BYTES) {
      accept({ ok: false, problem: { code: 'tooLarge', bytes: file.size, limit: MAX_IDENTITY_FILE_BYTES } });
      return;
    }
    try {
      accept(await parseIdentityFile(new Uint8Array(await file.arrayBuffer())));
    } catch {
      setRead({ kind: 'problem', problem: 'unreadable' });
    }
  };

  const ctx = snapshot.context;
  const identity = read.kind === 'identity' ? read.identity : null;
  const registered = identity ? ctx.people[identity.personId] : undefined;
  const keyKnown = identity ? Boolean(ctx.keys[identity.key.keyId]) : false;
  const command = !identity
    ? null
    : registered
      ? build({ type: 'KeyRegistered', payload: { personId: identity.personId, key: identity.key, keyProof: identity.keyProof } })
      : build({
          type: 'PersonRegistered',
          payload: {
            personId: identity.personId,
            name: identity.name,
            roles: [role],
            organisation: identity.organisation,
            key: identity.key,
            keyProof: identity.keyProof,
          },
        });

  const done = () => {
    setRead({ kind: 'none' });
    setPasted('');
    setConfirmed(false);
  };

  return (
    <details className="register-identity">
      <summary>{t.registerFileTitle}</summary>
      <p className="hint">{t.registerFileHint}</p>
      <div className="field">
        <label htmlFor={fileId}>{t.pickFile}</label>
        <FileInput id={fileId} accept=".json,application/json" onFiles={(files) => pickFile(files[0])} />
      </div>
      <TextArea label={t.pasteText} value={pasted} onChange={(e) => setPasted(e.target.value)} rows={3} spellCheck={false} />
      <button type="button" onClick={async () => accept(await parseIdentityFile(pasted))}>
        {t.readText}
      </button>
      <Status className="status-line">{status}</Status>
      <Status as="div">
        {read.kind === 'problem' ? (
          <p className="notice notice-error">
            <span aria-hidden="true">⚠ </span>
            {read.problem === 'unreadable' ? t.fileProblems.unreadable : describeIdentityProblem(read.problem, t, lang)}
          </p>
        ) : null}
      </Status>
      {identity ? (
        <div className="identity-preview">
          <dl>
            <dt>{t.personName}</dt>
            <dd className="identity-name-large">{identity.name}</dd>
            {identity.organisation ? (
              <>
                <dt>{t.personOrganisation}</dt>
                <dd>{identity.organisation}</dd>
              </>
            ) : null}
            <dt>{t.fingerprint}</dt>
            <dd>
              <Fingerprint keyId={identity.key.keyId} large />
            </dd>
          </dl>
          <p className="hint">{t.compareHint}</p>
          {registered && keyKnown ? (
            <p>{t.sameKey}</p>
          ) : (
            <>
              {registered ? (
                <p>
                  {t.alreadyRegistered(registered.name)} {t.newKeyOffer}
                </p>
              ) : null}
              <label className="choice">
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} required /> {t.confirmed}
              </label>
              {!registered ? (
                <SelectField label={t.role} value={role} onChange={(e) => setRole(e.target.value as RoleId)}>
                  {engine.rulebook.template.roles.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.label[lang]}
                    </option>
                  ))}
                </SelectField>
              ) : null}
              {confirmed ? (
                <ActionButton snapshot={snapshot} command={command} append={append} primary onDone={(o) => o.ok && done()}>
                  {registered ? t.registerKey : t.registerPerson}
                </ActionButton>
              ) : (
                <p className="hint">{t.confirmFirst}</p>
              )}
            </>
          )}
        </div>
      ) : null}
    </details>
  );
}
