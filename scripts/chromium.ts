/**
 * Debian's Chromium, driven by playwright-core, for the end-to-end tests and the browser bench.
 * No browser is downloaded; the flags keep a root, headless, offline machine quiet.
 */
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

/**
 * Chromium with a profile on disk, like a person's browser: unlike the throwaway contexts of
 * `launchChromium`, it keeps V8's code cache between visits (bench/app.ts, decision 64).
 */
export function launchChromiumProfile(userDataDir: string, options: { serviceWorkers: 'allow' | 'block' }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: ARGS,
    serviceWorkers: options.serviceWorkers,
  });
}
