/**
 * The browser entry. It starts downloading the screen the URL names and the app at the same
 * time; the app (boot.tsx) then renders it. Kept this small on purpose: whatever it imports
 * statically must arrive before either download can begin (decision 63).
 */
import { parseRoute } from './app/routes.ts';
import { startScreenDownload } from './app/screens.ts';
import './app/styles.css';

startScreenDownload(parseRoute(window.location.hash));
import('./boot.tsx').catch(() => {
  // The app's code did not arrive (a dropped connection while updating, say): say so, in both languages.
  const root = document.getElementById('root');
  if (root)
    root.textContent =
      'Ankerpunkt konnte nicht geladen werden. Bitte die Seite neu laden. / Ankerpunkt could not be loaded. Please reload the page.';
});
