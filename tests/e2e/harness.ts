/**
 * End-to-end harness: the built app served by `vite preview` on a free port, driven in Debian's
 * Chromium through playwright-core (no downloaded browser). Each test file builds once (or
 * reuses a build made in the same run) and starts its own server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../scripts/chromium.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Where the app is built for the tests; E2E_DIST lets several checkouts' runs build side by side. */
const outDir = process.env.E2E_DIST ?? 'dist';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // Vitest sets NODE_ENV=test, which would make Vite build React in development mode: the
    // tests must drive the production build that `npm start` serves.
    const env = { ...process.env, NODE_ENV: 'production' };
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed: ${err}`))));
  });
}

/** The global setup (tests/e2e/global-setup.ts) builds the app once before any test file runs. */
export async function buildApp(): Promise<void> {
  await run('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir']);
}

async function ensureBuilt(): Promise<void> {
  if (!existsSync(`${root}/${outDir}/index.html`)) await buildApp();
}

export interface AppServer {
  url: string;
  stop: () => Promise<void>;
}

export async function serveApp(): Promise<AppServer> {
  await ensureBuilt();
  const port = await freePort();
  const child: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir],
    {
      cwd: root,
      stdio: 'ignore',
      detached: true,
    },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    },
  };
}

export const launch = launchChromium;

export interface Session {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A fresh browser profile (its own IndexedDB), with page errors collected for assertions. */
export async function session(browser: Browser, options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<Session> {
  const context = await browser.newContext({
    serviceWorkers: options.serviceWorkers ?? 'block',
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors };
}

/** axe-core in the page: the WCAG 2.1 A/AA violations of what is on screen now. */
export async function axeViolations(page: Page): Promise<{ id: string; help: string; nodes: string[] }[]> {
  const source = await import('node:fs').then((fs) => fs.readFileSync(`${root}/node_modules/axe-core/axe.min.js`, 'utf8'));
  // Evaluated through the debugging protocol, so the app's Content-Security-Policy still holds.
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/**
 * For one test file: serve the built app and open Chromium before its tests, close both after.
 * Read `app.url` and `app.browser` inside the tests.
 */
export function appUnderTest(): { readonly url: string; readonly browser: Browser } {
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await serveApp();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get url() {
      if (!server) throw new Error('the app is not served yet');
      return server.url;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not open yet');
      return browser;
    },
  };
}

/**
 * What the page shows, without the live region: the app repeats each status message there for
 * screen readers (src/app/ui/Announcer.tsx), so a text search over the whole page finds it twice.
 */
export function onScreen(page: Page) {
  return page.locator('#root > :not(#announcer)');
}
