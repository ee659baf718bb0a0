/**
 * Builds the app as static files that any intranet web server can host, under any path: the
 * base is relative and routing uses the URL hash, so no server rewrite rules are needed.
 * The service worker precaches the whole app; after the first visit it works offline, and a new
 * version is installed only when the user agrees (registerType 'prompt').
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

type ModuleGraph = { getModuleInfo(id: string): { importedIds: readonly string[] } | null };

/** Every module `from` imports statically, directly or through others, `from` included. */
function staticClosure(graph: ModuleGraph, from: string): Set<string> {
  const seen = new Set<string>();
  const queue = [from];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}

/**
 * The process screen and everything only it needs at first render, in one file rather than the
 * forty small shared chunks the automatic split made of it: a browser asks one server for at
 * most six files at a time, so on a cold start into a process those forty were downloaded in
 * rounds (decision 63). What the app shell (boot.tsx) needs stays with the shell, so the start
 * screen downloads none of it; screens that share modules with the process screen load this
 * file as well.
 */
function processScreenChunk() {
  const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));
  let shell: Set<string> | null = null;
  let screen: Set<string> | null = null;
  return {
    name: (id: string, graph: ModuleGraph) => {
      shell ??= staticClosure(graph, source('./src/boot.tsx'));
      screen ??= staticClosure(graph, source('./src/app/process/ProcessScreen.tsx'));
      return screen.has(id) && !shell.has(id) ? 'process' : null;
    },
    debugName: 'process screen',
    // Its dependencies in the shell stay in the shell's files.
    includeDependenciesRecursively: false,
  };
}

export default defineConfig({
  base: './',
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icon.svg'],
      manifest: {
        name: 'Ankerpunkt – DIKÖ-Prozesse',
        short_name: 'Ankerpunkt',
        description: 'Interkulturelle/Diskriminierungskritische Öffnung in Agenturen für Arbeit und Jobcentern steuern und nachweisen.',
        lang: 'de-DE',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b4f6c',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    // Which file holds which module: bench/app.ts counts what the first screens download from it.
    manifest: true,
    rolldownOptions: { output: { codeSplitting: { groups: [processScreenChunk()] } } },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
