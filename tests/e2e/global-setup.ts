/**
 * Builds the app once for all end-to-end test files, so they test what `npm start` serves.
 * E2E_SKIP_BUILD=1 skips it when only unit or integration tests are run by hand.
 */
import { buildApp } from './harness.ts';

export default async function setup(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  await buildApp();
}
