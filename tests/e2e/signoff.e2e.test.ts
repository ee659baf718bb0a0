import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest, axeViolations, onScreen, session } from './harness.ts';

const AGENCY = 'Agentur für Arbeit Reutlingen';

async function actAs(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Einstellungen' }).click();
  const select = page.getByLabel('Aktuelle Person');
  const value = await select.locator('option', { hasText: name }).getAttribute('value');
  await select.selectOption(value ?? '');
  await page.getByRole('link', { name: 'Prozesse' }).click();
  await page.getByRole('link', { name: `${AGENCY} öffnen` }).click();
  await page.getByRole('heading', { level: 1, name: AGENCY }).waitFor();
}

describe('a sign-off on the same device', () => {
  const app = appUnderTest();

  it('the director refuses with a comment, the ambassador asks again, the director grants; a corrected document makes the grant stale until signed again', async () => {
    const { page, errors, context } = await session(app.browser);
    await page.goto(app.url);
    await page.getByLabel('Name der Dienststelle').fill(AGENCY);
    await page.getByLabel('Art der Dienststelle').selectOption('AA');
    await page.getByLabel('Ihr Name').fill('Maria Beispiel');
    await page.getByRole('button', { name: 'Prozess anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: AGENCY }).waitFor();

    // The managing director gets a profile and key on this device, and is registered in the process.
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Dr. Paul Leiter');
    await page.getByRole('button', { name: 'Person anlegen' }).click();
    await onScreen(page).getByText('Person angelegt.').waitFor();
    await actAs(page, 'Maria Beispiel');
    await onScreen(page).getByText('Person dieses Geräts eintragen').click();
    await page.getByLabel('Person', { exact: true }).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Eintragen' }).click();
    await page.getByRole('rowheader', { name: /Dr\. Paul Leiter/ }).waitFor();

    // The ambassador attaches the written mandate and asks for the sign-off.
    await page.getByRole('link', { name: 'Nachweise' }).click();
    await page.getByLabel('Art des Nachweises').selectOption('kontrakt');
    await page.getByRole('textbox', { name: 'Titel', exact: true }).fill('Kontrakt DIKÖ 2027');
    await page.getByRole('radio', { name: 'Notiz' }).check();
    await page.getByLabel('Text der Notiz').fill('Ziele, Rolle der IKBO.');
    await page.getByRole('button', { name: 'Nachweis speichern' }).click();
    await onScreen(page).getByText('Nachweis „Kontrakt DIKÖ 2027“ gespeichert.').waitFor();
    await page.getByRole('link', { name: 'Übersicht', exact: true }).click();
    await page.getByRole('button', { name: 'Freigabe beantragen' }).click();
    await onScreen(page).getByText('Wartet auf: Geschäftsführung').waitFor();
    // The ambassador is offered no decision of her own.
    expect(await page.getByRole('button', { name: 'Freigeben (signieren)' }).count()).toBe(0);

    // The director reviews what is approved, refuses with a comment.
    await actAs(page, 'Dr. Paul Leiter');
    await page.getByRole('heading', { name: 'Ihre Entscheidung als Geschäftsführung' }).waitFor();
    // The director is offered the decision, not the ambassador's actions; said once, in words.
    await onScreen(page).getByText('Sie arbeiten hier als Dr. Paul Leiter, Geschäftsführung.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Freigabe beantragen' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Phase abschließen/ }).count()).toBe(0);
    await page.getByText('Was Ihre Rolle hier eintragen kann').click();
    await onScreen(page).getByRole('listitem').filter({ hasText: 'Freigaben erteilen' }).waitFor();
    await onScreen(page)
      .getByText(/Kontrakt DIKÖ 2027 \(Fassung 1\) · SHA-256/)
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Kommentar').fill('Der Zeitanteil der IKBO fehlt im Kontrakt.');
    await page.getByRole('button', { name: 'Ablehnen (signieren)' }).click();
    await onScreen(page)
      .getByText('„Der Zeitanteil der IKBO fehlt im Kontrakt.“')
      .or(page.locator('q', { hasText: 'Der Zeitanteil der IKBO fehlt im Kontrakt.' }))
      .first()
      .waitFor();

    // The ambassador sees the refusal and asks again; the director grants.
    await actAs(page, 'Maria Beispiel');
    await page.locator('q', { hasText: 'Der Zeitanteil der IKBO fehlt im Kontrakt.' }).waitFor();
    expect(await page.locator('.decision-refused').count()).toBe(1);
    await page.getByRole('button', { name: 'Freigabe beantragen' }).click();
    await onScreen(page).getByText('Wartet auf: Geschäftsführung').waitFor();
    await actAs(page, 'Dr. Paul Leiter');
    await page.getByRole('button', { name: 'Freigeben (signieren)' }).click();
    await onScreen(page)
      .getByText(/Geschäftsführung: Dr\. Paul Leiter, erteilt/)
      .waitFor();

    // A corrected Kontrakt makes the grant stale: the stage cannot be left on it.
    await actAs(page, 'Maria Beispiel');
    await page.getByRole('link', { name: 'Nachweise' }).click();
    await page.getByRole('button', { name: 'Neue Fassung hochladen' }).click();
    const revise = page.locator('.revise-form');
    await revise.getByRole('radio', { name: 'Notiz' }).check();
    await revise.getByLabel('Text der Notiz').fill('Ziele, Rolle der IKBO, Zeitanteil 20 %.');
    await revise.getByLabel('Grund für die neue Fassung').fill('Zeitanteil ergänzt.');
    await revise.getByRole('button', { name: 'Fassung 2 speichern' }).click();
    await onScreen(page).getByText('Fassung 2 gespeichert.').first().waitFor();
    await page.getByRole('link', { name: 'Übersicht', exact: true }).click();
    await onScreen(page)
      .getByText(/veraltet: seit der Freigabe geändert, abgelaufen oder Inhalt gelöscht: „Kontrakt DIKÖ 2027“/)
      .waitFor();
    const advance = page.getByRole('button', { name: 'Phase abschließen und weiter zu „Strukturaufbau“' });
    expect(await advance.getAttribute('aria-disabled')).toBe('true');

    // A new request on the corrected Kontrakt, granted again; then the ambassador moves on.
    await page.getByRole('button', { name: 'Freigabe beantragen' }).click();
    await onScreen(page).getByText('Wartet auf: Geschäftsführung').waitFor();
    await actAs(page, 'Dr. Paul Leiter');
    await onScreen(page)
      .getByText(/Kontrakt DIKÖ 2027 \(Fassung 2\) · SHA-256/)
      .waitFor();
    await page.getByRole('button', { name: 'Freigeben (signieren)' }).click();
    await page.getByRole('heading', { name: 'Ihre Entscheidung als Geschäftsführung' }).waitFor({ state: 'detached' });
    await actAs(page, 'Maria Beispiel');
    await page.getByRole('button', { name: 'Phase abschließen und weiter zu „Strukturaufbau“' }).click();
    await page.locator('.stepper [aria-current="step"]', { hasText: 'Strukturaufbau' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
