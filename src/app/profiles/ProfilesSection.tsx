/**
 * The profiles of this device (Settings): who is working now, switching between people (which
 * locks the previous profile), locking on demand, the idle lock, handing over one's identity,
 * replacing one's key, and creating another profile.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import type { Identity } from '../../db/database.ts';
import { profiles, protectionOf } from '../../db/reads.ts';
import { useBaseServices, useCurrentIdentity, useSend } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { SelectField } from '../ui/Field.tsx';
import { CreateProfileForm } from './CreateProfileForm.tsx';
import { Fingerprint } from './Fingerprint.tsx';
import { IdentityCard } from './IdentityCard.tsx';
import { IdleLockSetting } from './IdleLockSetting.tsx';
import { profileMessages } from './messages.ts';
import { ReplaceKey } from './ReplaceKey.tsx';
import { lockProfiles, useUnlockedKey } from './session.ts';
import { UnlockPrompt } from './UnlockPrompt.tsx';
import './profiles.css';
import { Status } from '../ui/Announcer.tsx';

export function ProfilesSection() {
  const t = useMessages(profileMessages);
  const { db } = useBaseServices();
  const send = useSend();
  const current = useCurrentIdentity();
  const identities = useLiveQuery(() => profiles(db), [db]);
  const [status, setStatus] = useState('');
  // The profile just created, whose choice box takes the focus once it shows that person.
  const [justCreated, setJustCreated] = useState<string | null>(null);
  const chooser = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!justCreated || current?.personId !== justCreated) return;
    chooser.current?.querySelector('select')?.focus();
    setJustCreated(null);
  }, [justCreated, current]);
  const hasPassphraseProfile = identities?.some((i) => protectionOf(i) === 'passphrase') ?? false;
  const choose = async (personId: string) => {
    const next = identities?.find((i) => i.personId === personId);
    if (!next) return;
    lockProfiles();
    await send('chooseProfile', { personId });
    setStatus(t.switched(next.name));
  };
  return (
    <section aria-labelledby="profiles-title" className="card profiles">
      <h2 id="profiles-title">{t.title}</h2>
      <p>{t.hint}</p>
      {identities && identities.length > 0 ? (
        <div ref={chooser}>
          <SelectField label={t.current} value={current?.personId ?? ''} onChange={(e) => choose(e.target.value)}>
            {identities.map((i) => (
              <option key={i.personId} value={i.personId}>
                {i.name}
                {i.organisation ? ` (${i.organisation})` : ''}
                {protectionOf(i) === 'passphrase' ? ' 🔒' : ''}
              </option>
            ))}
          </SelectField>
        </div>
      ) : (
        <p>{t.none}</p>
      )}
      <Status>{status}</Status>
      {current ? <CurrentProfile key={current.personId} identity={current} /> : null}
      {/* The idle lock applies to passphrase profiles only: shown once there is one. */}
      {hasPassphraseProfile ? <IdleLockSetting /> : null}
      <CreateProfileForm
        first={identities?.length === 0}
        onCreated={(identity) => {
          setStatus(t.created(identity.name));
          setJustCreated(identity.personId);
        }}
      />
    </section>
  );
}

function CurrentProfile({ identity }: { identity: Identity }) {
  const t = useMessages(profileMessages);
  const unlocked = useUnlockedKey(identity.personId);
  const [status, setStatus] = useState('');
  const byPassphrase = protectionOf(identity) === 'passphrase';
  return (
    <div className="current-profile">
      <p>{byPassphrase ? t.protectionPassphrase : t.protectionDevice}</p>
      {byPassphrase ? (
        <p className="profile-state">
          {t.state}:{' '}
          <strong>
            <span aria-hidden="true">{unlocked ? '🔓 ' : '🔒 '}</span>
            {unlocked ? t.stateUnlocked : t.stateLocked}
          </strong>{' '}
          {unlocked ? (
            <button
              type="button"
              onClick={() => {
                lockProfiles();
                setStatus(t.lockedNow);
              }}
            >
              {t.lockNow}
            </button>
          ) : null}
        </p>
      ) : null}
      <Status>{status}</Status>
      <UnlockPrompt />
      <IdentityCard identity={identity} />
      {identity.previousKeys && identity.previousKeys.length > 0 ? (
        <>
          <h3>{t.previousKeys}</h3>
          <ul>
            {identity.previousKeys.map((k) => (
              <li key={k.keyId}>
                <Fingerprint keyId={k.keyId} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <ReplaceKey identity={identity} />
    </div>
  );
}
