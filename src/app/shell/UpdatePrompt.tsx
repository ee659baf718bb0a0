/**
 * When a new version has been deployed, ask before reloading: a reload in the middle of a form
 * would lose what the user typed. Also says once that the app now works offline.
 */
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';

const messages = {
  de: {
    update: 'Eine neue Version von Ankerpunkt ist verfügbar.',
    reload: 'Jetzt aktualisieren',
    later: 'Später',
    offline: 'Ankerpunkt ist jetzt auch ohne Netz nutzbar.',
    ok: 'Verstanden',
  },
  en: {
    update: 'A new version of Ankerpunkt is available.',
    reload: 'Update now',
    later: 'Later',
    offline: 'Ankerpunkt now also works offline.',
    ok: 'Got it',
  },
};

export function UpdatePrompt() {
  const t = useMessages(messages);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh && !offlineReady) return null;
  return (
    <Status as="div" className="notice notice-info update-prompt">
      <p>{needRefresh ? t.update : t.offline}</p>
      {needRefresh ? (
        <>
          <button type="button" className="primary" onClick={() => updateServiceWorker(true)}>
            {t.reload}
          </button>
          <button type="button" onClick={() => setNeedRefresh(false)}>
            {t.later}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setOfflineReady(false)}>
          {t.ok}
        </button>
      )}
    </Status>
  );
}
