import { describe, expect, it } from 'vitest';
import { appUnderTest, axeViolations, onScreen, session } from './harness.ts';

describe('start screen', () => {
  const app = appUnderTest();

  it('greets a newcomer in German with an empty list, the create form and the demo', async () => {
    const { page, errors, context } = await session(app.browser);
    await page.goto(app.url);
    await page.getByRole('heading', { level: 1, name: 'Ihre Prozesse' }).waitFor();
    await page.getByRole('heading', { name: 'Neuen Prozess anlegen' }).waitFor();
    await onScreen(page).getByText('Auf diesem Gerät ist noch kein Prozess gespeichert.').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de-DE');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('explains a form error next to the field and creates nothing', async () => {
    const { page, context } = await session(app.browser);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Prozess anlegen' }).click();
    const name = page.getByLabel('Name der Dienststelle');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await onScreen(page).getByText('Bitte ausfüllen.').first().waitFor();
    await onScreen(page).getByText('Auf diesem Gerät ist noch kein Prozess gespeichert.').waitFor();
    await context.close();
  });

  it('switches to English and remembers it', async () => {
    const { page, context } = await session(app.browser);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your processes' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-GB');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your processes' }).waitFor();
    await context.close();
  });
});
