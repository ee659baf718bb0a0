import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest, axeViolations, onScreen, session } from './harness.ts';

const AGENCY = 'Jobcenter Reutlingen';
const ANNA = 'Anna-Lena Amt';
const ANNA_PASSPHRASE = 'Annas Kaffeetasse 2027';
const BERND = 'Bernd Bank';
const BERND_PASSPHRASE = 'Berndsche Passphrase!';
// The label of the passphrase field (a required field: a star follows), not "Passphrase wiederholen".
const PASSPHRASE_FIELD = /^Passphrase\s*\*?$/;

async function createProcess(page: Page, person: string): Promise<void> {
  await page.getByLabel('Name der Dienststelle').fill(AGENCY);
  await page.getByLabel('Art der Dienststelle').selectOption('JC');
  await page.getByLabel('Ihr Name').fill(person);
  await page.getByRole('button', { name: 'Prozess anlegen' }).click();
  await page.getByRole('heading', { level: 1, name: AGENCY }).waitFor();
}

async function settings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Einstellungen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Einstellungen' }).waitFor();
}

async function openProcess(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Prozesse' }).click();
  await page.getByRole('link', { name: `${AGENCY} öffnen` }).click();
  await page.getByRole('heading', { level: 1, name: AGENCY }).waitFor();
}

async function createPassphraseProfile(page: Page, name: string, passphrase: string, roles: string[] = []): Promise<void> {
  const form = page.locator('form.create-profile');
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  for (const role of roles) await form.getByRole('checkbox', { name: role }).check();
  await form.getByRole('radio', { name: 'Gemeinsam genutztes Gerät: mit Passphrase schützen' }).check();
  await form.getByLabel(PASSPHRASE_FIELD).fill(passphrase);
  await form.getByLabel('Passphrase wiederholen').fill(passphrase);
  await form.getByRole('button', { name: 'Person anlegen' }).click();
  // The confirmation stands by the profile choice, which then shows the new person.
  await onScreen(page).getByText(`Person angelegt. Jetzt arbeitet ${name} an diesem Gerät.`).waitFor();
}

async function switchTo(page: Page, name: string): Promise<void> {
  const select = page.getByLabel('Aktuelle Person');
  const value = await select.locator('option', { hasText: name }).getAttribute('value');
  await select.selectOption(value ?? '');
  await onScreen(page).getByText(`Jetzt arbeitet ${name} an diesem Gerät.`).waitFor();
}

async function unlock(page: Page, name: string, passphrase: string): Promise<void> {
  const prompt = page.locator('form.unlock-prompt', { hasText: `Profil von ${name} ist gesperrt` });
  await prompt.getByLabel(PASSPHRASE_FIELD).fill(passphrase);
  await prompt.getByRole('button', { name: 'Entsperren' }).click();
  await prompt.waitFor({ state: 'detached' });
}

describe('profiles on a shared device', () => {
  const app = appUnderTest();

  it('keeps each passphrase profile locked until its own passphrase is given, signs only while unlocked, and locks itself when idle', async () => {
    const { page, errors, context } = await session(app.browser);
    // A fake clock from the first script on, so the idle lock can be fast-forwarded.
    await page.clock.install();
    await page.goto(app.url);
    await createProcess(page, 'Maria Beispiel');

    // Two colleagues who share this computer get passphrase profiles; rules are checked first.
    await settings(page);
    const form = page.locator('form.create-profile');
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(ANNA);
    await form.getByRole('radio', { name: 'Gemeinsam genutztes Gerät: mit Passphrase schützen' }).check();
    await form.getByLabel(PASSPHRASE_FIELD).fill('zu kurz');
    await form.getByLabel('Passphrase wiederholen').fill('zu kurz');
    await form.getByRole('button', { name: 'Person anlegen' }).click();
    await form.getByText('Die Passphrase ist zu kurz: mindestens 10 Zeichen.').waitFor();
    await form.getByLabel(PASSPHRASE_FIELD).fill(ANNA_PASSPHRASE);
    await form.getByLabel('Passphrase wiederholen').fill(`${ANNA_PASSPHRASE}x`);
    await form.getByRole('button', { name: 'Person anlegen' }).click();
    await form.getByText('Die beiden Eingaben stimmen nicht überein.').waitFor();
    await form.getByLabel('Passphrase wiederholen').fill(ANNA_PASSPHRASE);
    await form.getByRole('button', { name: 'Person anlegen' }).click();
    await onScreen(page).getByText(`Person angelegt. Jetzt arbeitet ${ANNA} an diesem Gerät.`).waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('.field')?.textContent)).toContain('Aktuelle Person');
    await page.locator('.profile-state', { hasText: 'Entsperrt' }).waitFor();
    await createPassphraseProfile(page, BERND, BERND_PASSPHRASE);
    expect(await axeViolations(page)).toEqual([]);

    // The ambassador registers Anna as managing director and asks for her sign-off.
    await switchTo(page, 'Maria Beispiel');
    await openProcess(page);
    await onScreen(page).getByText('Person dieses Geräts eintragen').click();
    const annaOption = await page.getByLabel('Person', { exact: true }).locator('option', { hasText: ANNA }).getAttribute('value');
    await page.getByLabel('Person', { exact: true }).selectOption(annaOption ?? '');
    await page.getByRole('button', { name: 'Eintragen', exact: true }).click();
    await page.getByRole('rowheader', { name: new RegExp(ANNA) }).waitFor();
    await page.getByRole('link', { name: 'Nachweise' }).click();
    await page.getByLabel('Art des Nachweises').selectOption('kontrakt');
    await page.getByRole('textbox', { name: 'Titel', exact: true }).fill('Kontrakt DIKÖ 2027');
    await page.getByRole('radio', { name: 'Notiz' }).check();
    await page.getByLabel('Text der Notiz').fill('Ziele, Rolle der IKBO, Zeitanteil.');
    await page.getByRole('button', { name: 'Nachweis speichern' }).click();
    await onScreen(page).getByText('Nachweis „Kontrakt DIKÖ 2027“ gespeichert.').waitFor();
    await page.getByRole('link', { name: 'Übersicht', exact: true }).click();
    await page.getByRole('button', { name: 'Freigabe beantragen' }).click();
    await onScreen(page).getByText('Wartet auf: Geschäftsführung').waitFor();

    // Switching to Anna: her profile is locked, so her decision waits for her passphrase.
    await settings(page);
    await switchTo(page, ANNA);
    await page.locator('.profile-state', { hasText: 'Gesperrt' }).waitFor();
    await openProcess(page);
    await page.getByRole('heading', { name: 'Ihre Entscheidung als Geschäftsführung' }).waitFor();
    const prompt = page.locator('form.unlock-prompt');
    await prompt.getByRole('heading', { name: `Profil von ${ANNA} ist gesperrt` }).waitFor();
    expect(await page.getByRole('button', { name: 'Freigeben (signieren)' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Bernd's passphrase does not open Anna's profile: a clear message, nothing signed.
    await prompt.getByLabel(PASSPHRASE_FIELD).fill(BERND_PASSPHRASE);
    await prompt.getByRole('button', { name: 'Entsperren' }).click();
    await expect
      .poll(() => prompt.locator('[data-status]').textContent())
      .toContain('Die Passphrase ist falsch. Das Profil bleibt gesperrt; es wurde nichts signiert.');
    expect(await page.getByRole('button', { name: 'Freigeben (signieren)' }).count()).toBe(0);
    await unlock(page, ANNA, ANNA_PASSPHRASE);
    await page.getByRole('button', { name: 'Freigeben (signieren)' }).waitFor();

    // Five minutes without input: the profile locks itself and the decision waits again.
    await page.clock.fastForward('05:01');
    await prompt.getByRole('heading', { name: `Profil von ${ANNA} ist gesperrt` }).waitFor();
    expect(await page.getByRole('button', { name: 'Freigeben (signieren)' }).count()).toBe(0);

    await unlock(page, ANNA, ANNA_PASSPHRASE);
    await page.getByRole('button', { name: 'Freigeben (signieren)' }).click();
    await onScreen(page)
      .getByText(new RegExp(`Geschäftsführung: ${ANNA}, erteilt`))
      .waitFor();

    // A shorter idle lock is remembered; locking on demand works at once.
    await settings(page);
    // The stored setting is shown first: only then is the form settled and ready for typing.
    await expect.poll(() => page.getByLabel('Sperren nach so vielen Minuten ohne Eingabe').inputValue()).toBe('5');
    await page.getByLabel('Sperren nach so vielen Minuten ohne Eingabe').fill('0');
    await expect.poll(() => page.getByLabel('Sperren nach so vielen Minuten ohne Eingabe').inputValue()).toBe('0');
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await onScreen(page).getByText('Bitte eine ganze Zahl zwischen 1 und 60 eingeben. Nichts wurde geändert.').waitFor();
    await page.getByLabel('Sperren nach so vielen Minuten ohne Eingabe').fill('2');
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await onScreen(page).getByText('Gespeichert: Sperre nach 2 Minuten ohne Eingabe.').waitFor();
    await page.getByRole('button', { name: 'Jetzt sperren' }).click();
    await onScreen(page).getByText('Profil gesperrt.').waitFor();
    await page.locator('.profile-state', { hasText: 'Gesperrt' }).waitFor();
    await unlock(page, ANNA, ANNA_PASSPHRASE);
    await page.clock.fastForward('02:01');
    await page.locator('.profile-state', { hasText: 'Gesperrt' }).waitFor();

    // Nothing of a key is left where a script or another user could read it.
    const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
    expect(stored).not.toMatch(/wrapped|privateKey|pkcs8/i);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('carries a director to another device by identity file: fingerprint confirmed, registered, key revoked and replaced', async () => {
    // The director's own device: a profile with a passphrase, and its identity file.
    const director = await session(app.browser);
    await director.page.goto(app.url);
    await settings(director.page);
    await createPassphraseProfile(director.page, 'Dr. Paul Leiter', 'Leiter-Passphrase 1', ['Geschäftsführung']);
    const card = director.page.locator('.identity-card');
    const fingerprint = (await card.locator('.fingerprint-large').textContent()) ?? '';
    expect(fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    await card
      .getByRole('img', { name: new RegExp(`QR-Code mit der Identität von Dr\\. Paul Leiter, Fingerabdruck ${fingerprint}`) })
      .waitFor();
    expect(await axeViolations(director.page)).toEqual([]);
    const [download] = await Promise.all([
      director.page.waitForEvent('download'),
      card.getByRole('button', { name: 'Identitätsdatei speichern' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ankerpunkt-identitaet-dr-paul-leiter.json');
    const file = await readFile((await download.path()) ?? '');
    const identity = JSON.parse(file.toString('utf8'));
    expect(identity).toMatchObject({
      format: 'ankerpunkt.identity',
      formatVersion: 2,
      name: 'Dr. Paul Leiter',
      suggestedRoles: ['managingDirector'],
    });
    // The QR code and the text to copy hold the same JSON as the file.
    await card.getByText('Als Text anzeigen (zum Kopieren)').click();
    expect(await card.getByLabel('Identität als Text').inputValue()).toBe(file.toString('utf8'));

    // The ambassador's device: hostile files are refused with a reason, nothing registered.
    const ambassador = await session(app.browser);
    const page = ambassador.page;
    await page.goto(app.url);
    await createProcess(page, 'Maria Beispiel');
    await onScreen(page).getByText('Person aus Identitätsdatei registrieren').click();
    const dialog = page.locator('details.register-identity');
    const choose = dialog.getByLabel('Identitätsdatei wählen');
    await choose.setInputFiles({
      name: 'kaputt.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "ankerpunkt.identity"'),
    });
    await dialog.getByText('Das ist keine Identitätsdatei: der Inhalt ist kein lesbares JSON. Nichts wurde geändert.').waitFor();
    await choose.setInputFiles({ name: 'gross.json', mimeType: 'application/json', buffer: Buffer.alloc(20_000, 0x20) });
    await dialog.getByText(/Die Datei ist zu groß .*Nichts wurde geändert\./).waitFor();
    const tampered = {
      ...identity,
      key: { ...identity.key, keyId: identity.key.keyId.replace(/^./, (c: string) => (c === '0' ? '1' : '0')) },
    };
    await choose.setInputFiles({ name: 'falsch.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) });
    await dialog.getByText(/Der Schlüssel in der Identitätsdatei ist beschädigt/).waitFor();
    const withExtra = { ...identity, isAdmin: true };
    await choose.setInputFiles({ name: 'extra.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(withExtra)) });
    await dialog.getByText('Die Identitätsdatei enthält unbekannte Angaben („isAdmin“). Nichts wurde geändert.').waitFor();
    expect(await page.getByRole('rowheader', { name: /Dr\. Paul Leiter/ }).count()).toBe(0);

    // The real file: name and fingerprint shown; registering only after the fingerprint is confirmed.
    await choose.setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: file });
    await dialog.locator('.fingerprint-large', { hasText: fingerprint }).waitFor();
    await dialog.getByText('Dr. Paul Leiter', { exact: true }).waitFor();
    expect(await dialog.getByLabel('Rolle im Prozess').inputValue()).toBe('managingDirector');
    expect(await dialog.getByRole('button', { name: 'Person registrieren' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('checkbox', { name: 'Fingerabdruck mit der Person abgeglichen (Telefon oder persönlich)' }).check();
    await dialog.getByRole('button', { name: 'Person registrieren' }).click();
    const row = page.getByRole('row', { name: /Dr\. Paul Leiter/ });
    await row.locator('code', { hasText: fingerprint }).waitFor();
    await row.getByRole('cell', { name: 'Geschäftsführung', exact: true }).waitFor();

    // The registration is an event in the log.
    await page.getByRole('link', { name: 'Verlauf' }).click();
    await page
      .getByRole('region', { name: /^Ereignisse/ })
      .getByText(/Dr\. Paul Leiter/)
      .first()
      .waitFor();
    await page.getByRole('link', { name: 'Übersicht', exact: true }).click();

    // The director replaces the key (say the passphrase became known); the ambassador revokes the old one.
    await director.page.locator('details.replace-key summary').click();
    const replace = director.page.locator('details.replace-key');
    await replace.getByLabel('Passphrase dieses Profils').fill('falsche Passphrase');
    await replace.getByRole('button', { name: 'Schlüssel jetzt ersetzen' }).click();
    await replace.getByText('Die Passphrase ist falsch.', { exact: false }).waitFor();
    await replace.getByLabel('Passphrase dieses Profils').fill('Leiter-Passphrase 1');
    await replace.getByRole('button', { name: 'Schlüssel jetzt ersetzen' }).click();
    await replace.getByText(/Neuer Schlüssel erzeugt/).waitFor();
    const newFingerprint = (await director.page.locator('.identity-card .fingerprint-large').textContent()) ?? '';
    expect(newFingerprint).not.toBe(fingerprint);
    const newText = await director.page.locator('.identity-card').getByLabel('Identität als Text').inputValue();

    const revoke = row.locator('details.revoke-key');
    await revoke.locator('summary').click();
    const revokeButton = revoke.getByRole('button', { name: 'Widerruf eintragen' });
    // Without a reason the engine refuses, and says why.
    expect(await revokeButton.getAttribute('aria-disabled')).toBe('true');
    await revoke.getByLabel('Grund des Widerrufs').fill('Passphrase wurde bekannt; neuer Schlüssel.');
    await expect.poll(() => revokeButton.getAttribute('aria-disabled')).toBeNull();
    await revokeButton.click();
    await row.getByText(/widerrufen am .*: Passphrase wurde bekannt; neuer Schlüssel\./).waitFor();

    // The new key arrives as the text from the QR code and is registered for the same person.
    await onScreen(page).getByText('Person aus Identitätsdatei registrieren').click();
    await dialog.getByLabel('Oder: Text aus dem QR-Code einfügen').fill(newText);
    await dialog.getByRole('button', { name: 'Text prüfen' }).click();
    await dialog.locator('.fingerprint-large', { hasText: newFingerprint }).waitFor();
    await dialog.getByText(/Dr\. Paul Leiter ist in diesem Prozess bereits eingetragen\./).waitFor();
    await dialog.getByRole('checkbox', { name: 'Fingerabdruck mit der Person abgeglichen (Telefon oder persönlich)' }).check();
    await dialog.getByRole('button', { name: 'Neuen Schlüssel eintragen' }).click();
    await row.locator('code', { hasText: newFingerprint }).waitFor();
    expect(await row.locator('details.revoke-key').count()).toBe(1);

    expect(director.errors).toEqual([]);
    expect(ambassador.errors).toEqual([]);
    await director.context.close();
    await ambassador.context.close();
  });
});
