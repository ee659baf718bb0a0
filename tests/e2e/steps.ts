/**
 * Steps several journeys share, done as a user does them (labels, buttons, file inputs), so a
 * change to one of these screens is mended in one place.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { onScreen } from './harness.ts';

export interface Saved {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Clicks `button` and returns the file the page offers for download, ready for a file input. */
export async function download(page: Page, button: string): Promise<Saved> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), mimeType: 'application/json', buffer: readFileSync(await file.path()) };
}

/** A new process from the start screen, by a person who has no profile yet. */
export async function createProcess(page: Page, url: string, agency: string, type: 'AA' | 'JC', person: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Name der Dienststelle').fill(agency);
  await page.getByLabel('Art der Dienststelle').selectOption(type);
  await page.getByLabel('Ihr Name').fill(person);
  await page.getByRole('button', { name: 'Prozess anlegen' }).click();
  await page.getByRole('heading', { level: 1, name: agency }).waitFor();
}

/** A profile of its own on another device, and the identity file it hands to the ambassador. */
export async function profileWithIdentityFile(page: Page, url: string, name: string): Promise<Saved> {
  await page.goto(url);
  await page.getByRole('link', { name: 'Einstellungen' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('button', { name: 'Person anlegen' }).click();
  await onScreen(page).getByText('Person angelegt.').waitFor();
  return download(page, 'Identitätsdatei speichern');
}

/** The ambassador registers a person from their identity file, fingerprint checked, in `role`. */
export async function registerFromIdentityFile(page: Page, identity: Saved, role: string, name: RegExp): Promise<void> {
  await onScreen(page).getByText('Person aus Identitätsdatei registrieren').click();
  await page.getByLabel('Identitätsdatei wählen').setInputFiles(identity);
  await page.getByLabel('Fingerabdruck mit der Person abgeglichen (Telefon oder persönlich)').check();
  await page.getByLabel('Rolle im Prozess').selectOption(role);
  await page.getByRole('button', { name: 'Person registrieren' }).click();
  await page.getByRole('rowheader', { name }).waitFor();
}

/** Evidence with a small PDF file, from the evidence tab, saved. */
export async function attachPdf(page: Page, kind: string, title: string, fileName: string): Promise<void> {
  await page.getByRole('link', { name: 'Nachweise' }).click();
  await page.getByLabel('Art des Nachweises').selectOption(kind);
  await page.getByRole('textbox', { name: 'Titel', exact: true }).fill(title);
  await page
    .getByLabel('Datei auswählen')
    .setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n${title}\n`) });
  await page.getByRole('button', { name: 'Nachweis speichern' }).click();
  await onScreen(page).getByText(`Nachweis „${title}“ gespeichert.`).waitFor();
}
