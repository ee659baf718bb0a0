/** The app: providers, the frame, and the screen the URL names. */
import { Component, lazy, type ReactNode, Suspense, useEffect } from 'react';
import { type BaseServices, ServicesProvider } from './data.tsx';
import { LangProvider, useMessages } from './i18n.tsx';
import { Link, useRoute } from './router.tsx';
import { SCREENS } from './screens.ts';
import { Layout } from './shell/Layout.tsx';
import { StartScreen } from './start/StartScreen.tsx';
import { AnnouncerProvider, Status } from './ui/Announcer.tsx';

const ProcessScreen = lazy(() => SCREENS.process().then((m) => ({ default: m.ProcessScreen })));
const SettingsScreen = lazy(() => SCREENS.settings().then((m) => ({ default: m.SettingsScreen })));
const InboxScreen = lazy(() => SCREENS.inbox().then((m) => ({ default: m.InboxScreen })));
const RegionScreen = lazy(() => SCREENS.region().then((m) => ({ default: m.RegionScreen })));
const RegionReport = lazy(() => SCREENS.regionReport().then((m) => ({ default: m.RegionReport })));
const StatementScreen = lazy(() => SCREENS.accessibility().then((m) => ({ default: m.StatementScreen })));
const EasyLanguageScreen = lazy(() => SCREENS.easyLanguage().then((m) => ({ default: m.EasyLanguageScreen })));
const SignLanguageScreen = lazy(() => SCREENS.signLanguage().then((m) => ({ default: m.SignLanguageScreen })));
const VerifyScreen = lazy(() => SCREENS.verify().then((m) => ({ default: m.VerifyScreen })));

const messages = {
  de: {
    loading: 'Wird geladen …',
    notFound: 'Diese Seite gibt es nicht.',
    home: 'Zur Übersicht',
    crashed: 'Diese Ansicht ist auf einen Fehler gestoßen. Ihre Daten sind unverändert gespeichert.',
    reload: 'Neu laden',
  },
  en: {
    loading: 'Loading …',
    notFound: 'This page does not exist.',
    home: 'To the overview',
    crashed: 'This view ran into an error. Your data is stored unchanged.',
    reload: 'Reload',
  },
};

/** The last screen shown in this page; null until the first one is shown. */
let lastScreen: string | null = null;

/** After moving to another screen, focus goes to the content, as after a page load. */
function useFocusOnNavigation(key: string): void {
  useEffect(() => {
    if (lastScreen !== null && lastScreen !== key) document.getElementById('main')?.focus();
    lastScreen = key;
  }, [key]);
}

function Screen() {
  const route = useRoute();
  const t = useMessages(messages);
  useFocusOnNavigation(route.screen === 'process' ? `process:${route.processId}` : route.screen);
  switch (route.screen) {
    case 'start':
      return <StartScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'inbox':
      return <InboxScreen />;
    case 'verify':
      return <VerifyScreen />;
    case 'region':
      return <RegionScreen />;
    case 'regionReport':
      return <RegionReport />;
    case 'accessibility':
      return <StatementScreen />;
    case 'easyLanguage':
      return <EasyLanguageScreen />;
    case 'signLanguage':
      return <SignLanguageScreen />;
    case 'process':
      return <ProcessScreen processId={route.processId} tab={route.tab} item={route.item} />;
    case 'notFound':
      return (
        <section>
          <h1>{t.notFound}</h1>
          <Link to={{ screen: 'start' }}>{t.home}</Link>
        </section>
      );
  }
}

function Loading() {
  const t = useMessages(messages);
  return <p>{t.loading}</p>;
}

function CrashMessage() {
  const t = useMessages(messages);
  return (
    <Status as="div" className="notice notice-error">
      <p>{t.crashed}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t.reload}
      </button>
    </Status>
  );
}

/** A rendering error shows a message instead of a blank page; the stored data is untouched. */
class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <CrashMessage /> : this.props.children;
  }
}

export function App({ services }: { services: BaseServices }) {
  return (
    <ServicesProvider services={services}>
      <LangProvider>
        <AnnouncerProvider>
          <Layout>
            <ErrorBoundary>
              <Suspense fallback={<Loading />}>
                <Screen />
              </Suspense>
            </ErrorBoundary>
          </Layout>
        </AnnouncerProvider>
      </LangProvider>
    </ServicesProvider>
  );
}
