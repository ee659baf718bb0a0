/**
 * Creating a profile on this device: name, function, the roles the person expects, and how the
 * key is protected. A personal device keeps a non-extractable key; a shared device wraps it
 * with the person's passphrase (typed twice). The new profile becomes the current one; the
 * confirmation is the caller's to show, next to that profile, where the person looks next.
 */
import { type FormEvent, useState } from 'react';
import processTemplate from '../../../standards/process-template.json' with { type: 'json' };
import type { RoleId } from '../../../standards/schema.ts';
import { MIN_PASSPHRASE_LENGTH, passphraseProblem } from '../../domain/crypto/wrap.ts';
import { useSend } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { TextField } from '../ui/Field.tsx';
import { profileMessages } from './messages.ts';
import { holdUnlocked, lockProfiles } from './session.ts';

type Protection = 'device' | 'passphrase';

export function CreateProfileForm({
  first,
  onCreated,
}: {
  /** No profile exists yet on this device: this is not "another" person. */
  first: boolean;
  onCreated: (identity: { personId: string; name: string }) => void;
}) {
  const t = useMessages(profileMessages);
  const { lang } = useLang();
  const send = useSend();
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [roles, setRoles] = useState<RoleId[]>([]);
  const [protection, setProtection] = useState<Protection>('device');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<{ name?: string; passphrase?: string; confirmation?: string }>({});
  const [busy, setBusy] = useState(false);

  const toggleRole = (role: RoleId, on: boolean) => setRoles(on ? [...roles, role] : roles.filter((r) => r !== role));

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const found: typeof errors = {};
    if (!name.trim()) found.name = t.required;
    if (protection === 'passphrase') {
      const problem = passphraseProblem(passphrase, confirmation);
      if (problem === 'too-short') found.passphrase = t.tooShort(MIN_PASSPHRASE_LENGTH);
      if (problem === 'mismatch') found.confirmation = t.mismatch;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.create-profile [aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    const args = { name: name.trim(), organisation: organisation.trim(), roles };
    let created: { personId: string; name: string };
    try {
      if (protection === 'passphrase') {
        const { identity, unlocked } = await send('createProtectedProfile', { ...args, passphrase });
        await send('chooseProfile', { personId: identity.personId });
        holdUnlocked(identity.personId, unlocked);
        created = identity;
      } else {
        const identity = await send('createProfile', args);
        lockProfiles();
        await send('chooseProfile', { personId: identity.personId });
        created = identity;
      }
    } finally {
      setBusy(false);
    }
    setName('');
    setOrganisation('');
    setRoles([]);
    setPassphrase('');
    setConfirmation('');
    onCreated({ personId: created.personId, name: created.name });
  };

  return (
    <form className="create-profile" onSubmit={create} noValidate>
      <h3>{first ? t.firstPerson : t.newPerson}</h3>
      <TextField
        label={t.name}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.name}
        required
        autoComplete="name"
        maxLength={200}
      />
      <TextField label={t.organisation} value={organisation} onChange={(e) => setOrganisation(e.target.value)} maxLength={200} />
      <fieldset>
        <legend>{t.roles}</legend>
        {processTemplate.roles.map((role) => (
          <label key={role.id} className="choice">
            <input
              type="checkbox"
              checked={roles.includes(role.id as RoleId)}
              onChange={(e) => toggleRole(role.id as RoleId, e.target.checked)}
            />{' '}
            {role.label[lang]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t.protection}</legend>
        <label className="choice">
          <input type="radio" name="protection" checked={protection === 'device'} onChange={() => setProtection('device')} />{' '}
          {t.protectionDeviceOption}
        </label>
        <label className="choice">
          <input type="radio" name="protection" checked={protection === 'passphrase'} onChange={() => setProtection('passphrase')} />{' '}
          {t.protectionPassphraseOption}
        </label>
      </fieldset>
      {protection === 'passphrase' ? (
        <>
          <TextField
            label={t.newPassphrase}
            hint={t.newPassphraseHint(MIN_PASSPHRASE_LENGTH)}
            type="password"
            autoComplete="new-password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            error={errors.passphrase}
            required
          />
          <TextField
            label={t.confirmPassphrase}
            type="password"
            autoComplete="new-password"
            value={confirmation}
            onChange={(e) => setConfirmation(e.target.value)}
            error={errors.confirmation}
            required
          />
        </>
      ) : null}
      <button type="submit" aria-disabled={busy ? true : undefined}>
        {t.create}
      </button>
      <Status>{busy ? t.creating : ''}</Status>
    </form>
  );
}
