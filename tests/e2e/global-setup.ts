/** Builds the app once for all end-to-end test files, so they test what `npm start` serves. */
import { buildApp } from './harness.ts';

export default async function setup(): Promise<void> {
  await buildApp();
}
