/** The app in the page: one database, the engine with WebCrypto, and the React tree (main.tsx loads this). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { AnkerpunktDb } from './db/database.ts';
import { webSha256Hex } from './domain/crypto/sha256.ts';

const db = new AnkerpunktDb();
// Another tab opened a newer version of the database: ours must step aside and reload.
db.on('versionchange', () => {
  db.close();
  window.location.reload();
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App services={{ db, sha256: webSha256Hex, now: () => new Date() }} />
    </StrictMode>,
  );
}
