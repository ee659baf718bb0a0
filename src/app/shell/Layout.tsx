/** The frame of every screen: skip link, header with navigation and language, main landmark. */
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, type ReactNode, Suspense } from 'react';
import { syncLinks } from '../../db/reads.ts';
import { useBaseServices } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { UpdatePrompt } from './UpdatePrompt.tsx';
import './shell.css';

// The sync machines and the protocol load only on a device with a shared process.
const SyncPanel = lazy(() => import('../sync/SyncPanel.tsx').then((m) => ({ default: m.SyncPanel })));

/** The sync status line under the header, for the processes this device shares through a server. */
function SyncStrip() {
  const { db } = useBaseServices();
  const links = useLiveQuery(() => syncLinks(db), [db]);
  if (!links || links.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <SyncPanel links={links} />
    </Suspense>
  );
}

const messages = {
  de: {
    skip: 'Zum Inhalt springen',
    nav: 'Hauptnavigation',
    processes: 'Prozesse',
    inbox: 'Freigaben',
    verify: 'Prüfen & Importieren',
    region: 'Übersicht Region',
    settings: 'Einstellungen',
    language: 'Sprache',
    tagline: 'DIKÖ-Prozesse steuern und nachweisen',
    footer: 'Informationen zur Barrierefreiheit',
    statement: 'Erklärung zur Barrierefreiheit',
    easy: 'Leichte Sprache',
    sign: 'Gebärdensprache',
  },
  en: {
    skip: 'Skip to content',
    nav: 'Main navigation',
    processes: 'Processes',
    inbox: 'Sign-offs',
    verify: 'Verify & import',
    region: 'Regional overview',
    settings: 'Settings',
    language: 'Language',
    tagline: 'Run and evidence DIKÖ processes',
    footer: 'Accessibility information',
    statement: 'Accessibility statement',
    easy: 'Easy-to-read',
    sign: 'Sign language',
  },
};

export function Layout({ children }: { children: ReactNode }) {
  const t = useMessages(messages);
  const { lang, setLang } = useLang();
  return (
    <>
      {/* A button, not a link: with hash routing, href="#main" would change the route. */}
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        {t.skip}
      </button>
      <header className="app-header">
        <div className="brand">
          <img src="./icon.svg" alt="" width="32" height="32" />
          <span>
            <strong>Ankerpunkt</strong>
            <span className="tagline">{t.tagline}</span>
          </span>
        </div>
        <nav aria-label={t.nav}>
          <ul>
            <li>
              <Link to={{ screen: 'start' }}>{t.processes}</Link>
            </li>
            <li>
              <Link to={{ screen: 'inbox' }}>{t.inbox}</Link>
            </li>
            <li>
              <Link to={{ screen: 'verify' }}>{t.verify}</Link>
            </li>
            <li>
              <Link to={{ screen: 'region' }}>{t.region}</Link>
            </li>
            <li>
              <Link to={{ screen: 'settings' }}>{t.settings}</Link>
            </li>
          </ul>
        </nav>
        <fieldset className="lang-switch">
          <legend className="visually-hidden">{t.language}</legend>
          <button type="button" aria-pressed={lang === 'de'} onClick={() => setLang('de')} lang="de">
            Deutsch
          </button>
          <button type="button" aria-pressed={lang === 'en'} onClick={() => setLang('en')} lang="en">
            English
          </button>
        </fieldset>
      </header>
      <SyncStrip />
      <UpdatePrompt />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer">
        <nav aria-label={t.footer}>
          <ul>
            <li>
              <Link to={{ screen: 'accessibility' }}>{t.statement}</Link>
            </li>
            <li>
              <Link to={{ screen: 'easyLanguage' }}>{t.easy}</Link>
            </li>
            <li>
              <Link to={{ screen: 'signLanguage' }}>{t.sign}</Link>
            </li>
          </ul>
        </nav>
      </footer>
    </>
  );
}
