import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, axeViolations, launch, serveApp, session } from './harness.ts';

describe('start screen', () => {
  let server: AppServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveApp();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('greets a newcomer in German with an empty list, the create form and the demo', async () => {
    const { page, errors, context } = await session(browser);
    await page.goto(server.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Prozesse' }).isVisible()).resolves.toBe(true);
    await page.getByRole('heading', { name: 'Neuen Prozess anlegen' }).waitFor();
    expect(await page.getByText('Auf diesem Gerät ist noch kein Prozess gespeichert.').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de-DE');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('explains a form error next to the field and creates nothing', async () => {
    const { page, context } = await session(browser);
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Prozess anlegen' }).click();
    const name = page.getByLabel('Name der Dienststelle');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Bitte ausfüllen.').first().isVisible()).toBe(true);
    expect(await page.getByText('Auf diesem Gerät ist noch kein Prozess gespeichert.').isVisible()).toBe(true);
    await context.close();
  });

  it('switches to English and remembers it', async () => {
    const { page, context } = await session(browser);
    await page.goto(server.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your processes' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-GB');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your processes' }).waitFor();
    await context.close();
  });
});
