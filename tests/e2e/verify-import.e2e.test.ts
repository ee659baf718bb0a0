import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FORGED_SEQ, GOOD } from '../fixtures/bundles/build.ts';
import { appUnderTest, axeViolations, onScreen, session } from './harness.ts';

const AGENCY = 'Jobcenter Neckar-Alb (Demo)';
const fixturePath = (name: string) => new URL(`../fixtures/bundles/${name}`, import.meta.url).pathname;

async function openVerify(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('link', { name: 'Prüfen & Importieren' }).click();
  await page.getByRole('heading', { level: 1, name: 'Prüfen & Importieren' }).waitFor();
}

async function choose(page: Page, name: string): Promise<void> {
  await page.getByLabel('Prüfpaket wählen (JSON oder ZIP)').setInputFiles(fixturePath(name));
  await onScreen(page).getByText('Prüfung abgeschlossen.').waitFor({ timeout: 60_000 });
}

describe('verifying and importing bundles', () => {
  const app = appUnderTest();

  it('verifies a ZIP bundle as intact with every evidence file matching, and opens it read-only', async () => {
    const { page, errors, context } = await session(app.browser);
    await openVerify(page, app.url);
    expect(await axeViolations(page)).toEqual([]);
    await choose(page, GOOD.zip);
    await page.getByRole('heading', { name: /Ergebnis der Prüfung: Intakt/ }).waitFor();
    await onScreen(page)
      .getByText(/^INTAKT: Jobcenter Neckar-Alb \(Demo\) · 160 Ereignisse/)
      .waitFor();
    await onScreen(page)
      .getByText(/Alle \d+ Nachweisdateien stimmen mit ihrer Prüfsumme überein\./)
      .waitFor();
    expect(await page.getByRole('cell', { name: /passt nicht/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Nur zum Lesen öffnen' }).click();
    await onScreen(page).getByText(`„${AGENCY}“ ist jetzt als Kopie nur zum Lesen auf diesem Gerät.`).waitFor();
    await page.getByRole('link', { name: 'Prozess öffnen' }).click();
    await page.getByRole('heading', { level: 1, name: AGENCY }).waitFor();
    await onScreen(page)
      .getByText(/Kopie nur zum Lesen: eingeführt aus einer Datei/)
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('names the first broken event and why, and refuses hostile files with a message, never crashing', async () => {
    const { page, errors, context } = await session(app.browser);
    await openVerify(page, app.url);
    await choose(page, 'broken-chain.json');
    await page.getByRole('heading', { name: /Ergebnis der Prüfung: Gebrochen/ }).waitFor();
    const where = page.locator('.verdict-where');
    await where.getByText('42 (e-').waitFor();
    await where.getByText(/Hash stimmt nicht: der Inhalt wurde verändert/).waitFor();
    expect(await page.getByRole('button', { name: 'Nur zum Lesen öffnen' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    // An outsider's forgery: an outcome changed, a key of theirs "registered" for the ambassador,
    // the chain re-linked and re-signed. Refused at the changed event, nothing to import.
    await choose(page, 'forged-outcome-new-key.json');
    await page.getByRole('heading', { name: /Ergebnis der Prüfung: Gebrochen/ }).waitFor();
    await where.getByText(`${FORGED_SEQ} (e-`).waitFor();
    await where.getByText(/nicht registriert/).waitFor();
    expect(await page.getByRole('button', { name: 'Nur zum Lesen öffnen' }).count()).toBe(0);

    for (const [file, says] of [
      ['prototype-pollution.json', /unzulässigen Namen „[^“]*__proto__“/],
      ['zip-bomb.zip', /mutmaßlich eine Zip-Bombe/],
      ['zip-path-traversal.zip', /„\.\.\/x“ hat einen unzulässigen Pfad/],
      ['not-json.json', /kein gültiges JSON/],
    ] as const) {
      await choose(page, file);
      await page.getByRole('heading', { name: /Kein gültiges Prüfpaket/ }).waitFor();
      await page.locator('[data-status]').filter({ hasText: says }).waitFor();
    }
    await choose(page, 'zip-digest-mismatch.zip');
    await page.getByRole('cell', { name: /passt nicht zur Prüfsumme/ }).waitFor();
    await onScreen(page)
      .getByText(/Ein Import ist nicht möglich/)
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes a process over, shows how to get this device registered, backs everything up and restores it in a second browser', async () => {
    const { page, errors, context } = await session(app.browser);
    // A profile of this device whose key the process does not know (yet).
    await page.goto(`${app.url}#/settings`);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Nina Neu');
    await page.getByRole('button', { name: 'Person anlegen' }).click();
    await onScreen(page).getByText('Person angelegt.').waitFor();
    await openVerify(page, app.url);
    await choose(page, GOOD.zip);
    await page.getByRole('button', { name: 'Prozess übernehmen (dieses Gerät führt ihn weiter)' }).click();
    await page.getByRole('heading', { name: 'Prozess wirklich übernehmen?' }).waitFor();
    await onScreen(page)
      .getByText(/Weiterarbeiten kann hier nur, wessen Schlüssel dieses Geräts im Prozess eingetragen ist/)
      .first()
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ja, Prozess übernehmen' }).click();
    await onScreen(page).getByText(`„${AGENCY}“ wird jetzt auf diesem Gerät geführt.`).waitFor();
    // Nobody can register their own key: the steps to be registered by an ambassador instead.
    await onScreen(page)
      .getByText(/Kein Profil dieses Geräts ist im Prozess als IKBO mit seinem Schlüssel eingetragen/)
      .waitFor();
    await page.getByRole('link', { name: 'Zu den Profilen' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The start page reminds of a backup: there is data, and none was made.
    await page.getByRole('link', { name: 'Prozesse' }).click();
    await page.getByRole('heading', { name: /Zeit für eine Sicherung/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Jetzt eine Sicherung erstellen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Sicherung' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Sicherung erstellen' }).click(),
    ]);
    const bytes = await readFile(await download.path());
    expect(download.suggestedFilename()).toMatch(/^ankerpunkt-sicherung-\d{4}-\d{2}-\d{2}\.zip$/);
    await onScreen(page)
      .getByText(/Letzte Sicherung auf diesem Gerät:/)
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Prozesse' }).click();
    await page.getByRole('link', { name: `${AGENCY} öffnen` }).waitFor();
    expect(await page.getByRole('heading', { name: /Zeit für eine Sicherung/ }).count()).toBe(0);
    expect(errors).toEqual([]);

    // A new device: a second browser profile, restored from the file.
    const second = await session(app.browser);
    await second.page.goto(`${app.url}#/settings`);
    await second.page
      .getByLabel('Sicherungsdatei wählen (ZIP)')
      .setInputFiles({ name: 'sicherung.zip', mimeType: 'application/zip', buffer: bytes });
    await second.page.getByRole('heading', { name: 'Sicherung jetzt wiederherstellen?' }).waitFor();
    await second.page.getByRole('button', { name: 'Wiederherstellen', exact: true }).click();
    await onScreen(second.page).getByText('1 Prozesse übernommen.').waitFor({ timeout: 60_000 });
    await onScreen(second.page)
      .getByText(/Neuer Schlüssel erzeugt für: Nina Neu/)
      .waitFor();
    expect(await axeViolations(second.page)).toEqual([]);
    await second.page.getByRole('link', { name: 'Prozesse' }).click();
    await second.page.getByRole('link', { name: `${AGENCY} öffnen` }).click();
    await second.page.getByRole('heading', { level: 1, name: AGENCY }).waitFor();
    expect(
      await onScreen(second.page)
        .getByText(/Kopie nur zum Lesen/)
        .count(),
    ).toBe(0);

    // Restoring the same file again skips what is there.
    await second.page.goto(`${app.url}#/settings`);
    await second.page
      .getByLabel('Sicherungsdatei wählen (ZIP)')
      .setInputFiles({ name: 'sicherung.zip', mimeType: 'application/zip', buffer: bytes });
    await second.page.getByRole('button', { name: 'Wiederherstellen', exact: true }).click();
    await onScreen(second.page).getByText('1 Prozesse lagen schon unverändert hier und wurden übersprungen.').waitFor({ timeout: 60_000 });
    expect(second.errors).toEqual([]);
    await second.context.close();
    await context.close();
  });
});
