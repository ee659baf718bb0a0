/**
 * Settings: language, where the data lives and how safe it is there (persistent storage, quota
 * used), and who is using this device.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, useEffect, useState } from 'react';
import { createIdentity, setCurrentIdentity } from '../../db/identities.ts';
import { fingerprint } from '../../domain/crypto/keys.ts';
import { BackupSection } from '../backup/BackupSection.tsx';
import { useBaseServices, useCurrentIdentity } from '../data.tsx';
import { formatBytes, useLang, useMessages } from '../i18n.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';

const messages = {
  de: {
    title: 'Einstellungen',
    language: 'Sprache',
    storage: 'Speicher',
    localOnly:
      'Ihre Daten liegen nur auf diesem Gerät, in diesem Browser. Es gibt keinen Server, der eine Kopie hat. Exportieren Sie regelmäßig eine Sicherung.',
    persisted: 'Dauerhafter Speicher ist gewährt: der Browser löscht Ihre Daten nicht von sich aus, auch wenn der Platz knapp wird.',
    notPersisted: 'Dauerhafter Speicher ist nicht gewährt: der Browser darf Ihre Daten löschen, wenn der Platz knapp wird.',
    unknown: 'Ob der Speicher dauerhaft ist, kann dieser Browser nicht sagen.',
    ask: 'Dauerhaften Speicher anfragen',
    refused: 'Der Browser hat dauerhaften Speicher abgelehnt. Installieren Sie Ankerpunkt als App oder fragen Sie Ihre IT.',
    used: (used: string, quota: string, percent: string) => `Belegt: ${used} von ${quota} verfügbarem Speicher (${percent}).`,
    person: 'Wer nutzt dieses Gerät?',
    personHint: 'Einträge und Freigabeanträge werden dieser Person zugeordnet und mit ihrem Schlüssel verknüpft.',
    current: 'Aktuelle Person',
    none: 'Noch keine Person angelegt.',
    key: 'Schlüssel-Fingerabdruck',
    newPerson: 'Weitere Person auf diesem Gerät anlegen',
    name: 'Name',
    organisation: 'Funktion / Dienststelle',
    create: 'Person anlegen',
    required: 'Bitte ausfüllen.',
    created: 'Person angelegt.',
  },
  en: {
    title: 'Settings',
    language: 'Language',
    storage: 'Storage',
    localOnly: 'Your data lives on this device only, in this browser. No server holds a copy. Export a backup regularly.',
    persisted: 'Persistent storage is granted: the browser will not delete your data on its own, even when space runs low.',
    notPersisted: 'Persistent storage is not granted: the browser may delete your data when space runs low.',
    unknown: 'This browser cannot tell whether storage is persistent.',
    ask: 'Ask for persistent storage',
    refused: 'The browser refused persistent storage. Install Ankerpunkt as an app or ask your IT department.',
    used: (used: string, quota: string, percent: string) => `Used: ${used} of ${quota} available storage (${percent}).`,
    person: 'Who uses this device?',
    personHint: 'Entries and sign-off requests are attributed to this person and tied to their key.',
    current: 'Current person',
    none: 'No person created yet.',
    key: 'Key fingerprint',
    newPerson: 'Add another person on this device',
    name: 'Name',
    organisation: 'Function / agency',
    create: 'Create person',
    required: 'Please fill in.',
    created: 'Person created.',
  },
};

type Persistence = 'granted' | 'not-granted' | 'unknown';

function StorageStatus() {
  const t = useMessages(messages);
  const { lang } = useLang();
  const [persisted, setPersisted] = useState<Persistence>('unknown');
  const [estimate, setEstimate] = useState<{ usage: number; quota: number } | null>(null);
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    navigator.storage?.persisted?.().then((p) => setPersisted(p ? 'granted' : 'not-granted'));
    navigator.storage?.estimate?.().then((e) => setEstimate({ usage: e.usage ?? 0, quota: e.quota ?? 0 }));
  }, []);
  const ask = async () => {
    const granted = (await navigator.storage?.persist?.()) ?? false;
    setPersisted(granted ? 'granted' : 'not-granted');
    setRefused(!granted);
  };
  const percent =
    estimate && estimate.quota > 0
      ? new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(
          estimate.usage / estimate.quota,
        )
      : '';
  return (
    <section aria-labelledby="storage-title" className="card">
      <h2 id="storage-title">{t.storage}</h2>
      <p>{t.localOnly}</p>
      <p role="status">{persisted === 'granted' ? `✓ ${t.persisted}` : persisted === 'not-granted' ? `⚠ ${t.notPersisted}` : t.unknown}</p>
      {persisted !== 'granted' ? (
        <button type="button" onClick={ask}>
          {t.ask}
        </button>
      ) : null}
      {refused ? <p className="field-error">{t.refused}</p> : null}
      {estimate ? <p>{t.used(formatBytes(estimate.usage, lang), formatBytes(estimate.quota, lang), percent)}</p> : null}
    </section>
  );
}

function People() {
  const t = useMessages(messages);
  const { db } = useBaseServices();
  const current = useCurrentIdentity();
  const identities = useLiveQuery(() => db.identities.toArray(), [db]);
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError(t.required);
      return;
    }
    setError(null);
    const identity = await createIdentity(db, { name: name.trim(), organisation: organisation.trim() });
    await setCurrentIdentity(db, identity.personId);
    setName('');
    setOrganisation('');
    setStatus(t.created);
  };
  return (
    <section aria-labelledby="people-title" className="card">
      <h2 id="people-title">{t.person}</h2>
      <p>{t.personHint}</p>
      {identities && identities.length > 0 ? (
        <SelectField label={t.current} value={current?.personId ?? ''} onChange={(e) => setCurrentIdentity(db, e.target.value)}>
          {identities.map((i) => (
            <option key={i.personId} value={i.personId}>
              {i.name}
              {i.organisation ? ` (${i.organisation})` : ''}
            </option>
          ))}
        </SelectField>
      ) : (
        <p>{t.none}</p>
      )}
      {current ? (
        <p>
          {t.key}: <code className="fingerprint">{fingerprint(current.publicKey.keyId)}</code>
        </p>
      ) : null}
      <form onSubmit={create} noValidate>
        <h3>{t.newPerson}</h3>
        <TextField label={t.name} value={name} onChange={(e) => setName(e.target.value)} error={error} required autoComplete="name" />
        <TextField label={t.organisation} value={organisation} onChange={(e) => setOrganisation(e.target.value)} />
        <button type="submit">{t.create}</button>
        <p role="status">{status}</p>
      </form>
    </section>
  );
}

export function SettingsScreen() {
  const t = useMessages(messages);
  const { lang, setLang } = useLang();
  return (
    <>
      <h1>{t.title}</h1>
      <section aria-labelledby="lang-title" className="card">
        <h2 id="lang-title">{t.language}</h2>
        <SelectField label={t.language} value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'de')}>
          <option value="de">Deutsch</option>
          <option value="en">English</option>
        </SelectField>
      </section>
      <StorageStatus />
      <BackupSection />
      <People />
    </>
  );
}
