/**
 * Settings: language, where the data lives and how safe it is there (persistent storage, quota
 * used), backups, the profiles of the people who use this device (src/app/profiles), and team
 * sync (src/app/sync).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { syncLinks } from '../../db/reads.ts';
import { BackupSection } from '../backup/BackupSection.tsx';
import { useBaseServices } from '../data.tsx';
import { formatBytes, useLang, useMessages } from '../i18n.tsx';
import { ProfilesSection } from '../profiles/ProfilesSection.tsx';
import { SyncSettings } from '../sync/SyncSettings.tsx';
import { SelectField } from '../ui/Field.tsx';

const messages = {
  de: {
    title: 'Einstellungen',
    language: 'Sprache',
    storage: 'Speicher',
    localOnly:
      'Ihre Daten liegen nur auf diesem Gerät, in diesem Browser. Es gibt keinen Server, der eine Kopie hat. Exportieren Sie regelmäßig eine Sicherung.',
    shared: (n: number) =>
      `Ihre Daten liegen auf diesem Gerät, in diesem Browser. ${n === 1 ? 'Ein Prozess wird' : `${n} Prozesse werden`} zusätzlich mit einem Synchronisationsserver abgeglichen (siehe unten); alles andere hat nur dieses Gerät. Exportieren Sie regelmäßig eine Sicherung.`,
    persisted: 'Dauerhafter Speicher ist gewährt: der Browser löscht Ihre Daten nicht von sich aus, auch wenn der Platz knapp wird.',
    notPersisted: 'Dauerhafter Speicher ist nicht gewährt: der Browser darf Ihre Daten löschen, wenn der Platz knapp wird.',
    unknown: 'Ob der Speicher dauerhaft ist, kann dieser Browser nicht sagen.',
    ask: 'Dauerhaften Speicher anfragen',
    refused: 'Der Browser hat dauerhaften Speicher abgelehnt. Installieren Sie Ankerpunkt als App oder fragen Sie Ihre IT.',
    used: (used: string, quota: string, percent: string) => `Belegt: ${used} von ${quota} verfügbarem Speicher (${percent}).`,
  },
  en: {
    title: 'Settings',
    language: 'Language',
    storage: 'Storage',
    localOnly: 'Your data lives on this device only, in this browser. No server holds a copy. Export a backup regularly.',
    shared: (n: number) =>
      `Your data lives on this device, in this browser. ${n === 1 ? 'One process is' : `${n} processes are`} also kept in step with a sync server (see below); everything else is on this device only. Export a backup regularly.`,
    persisted: 'Persistent storage is granted: the browser will not delete your data on its own, even when space runs low.',
    notPersisted: 'Persistent storage is not granted: the browser may delete your data when space runs low.',
    unknown: 'This browser cannot tell whether storage is persistent.',
    ask: 'Ask for persistent storage',
    refused: 'The browser refused persistent storage. Install Ankerpunkt as an app or ask your IT department.',
    used: (used: string, quota: string, percent: string) => `Used: ${used} of ${quota} available storage (${percent}).`,
  },
};

type Persistence = 'granted' | 'not-granted' | 'unknown';

function StorageStatus() {
  const t = useMessages(messages);
  const { lang } = useLang();
  const [persisted, setPersisted] = useState<Persistence>('unknown');
  const [estimate, setEstimate] = useState<{ usage: number; quota: number } | null>(null);
  const [refused, setRefused] = useState(false);
  const { db } = useBaseServices();
  const shared = useLiveQuery(() => syncLinks(db), [db])?.length ?? 0;
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
      <p>{shared > 0 ? t.shared(shared) : t.localOnly}</p>
      <p>{persisted === 'granted' ? `✓ ${t.persisted}` : persisted === 'not-granted' ? `⚠ ${t.notPersisted}` : t.unknown}</p>
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
      <ProfilesSection />
      <SyncSettings />
    </>
  );
}
