import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest, axeViolations, onScreen, session } from './harness.ts';
import { attachPdf } from './steps.ts';

const AGENCY = 'Agentur für Arbeit Reutlingen';

async function createProcess(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Name der Dienststelle').fill(AGENCY);
  await page.getByLabel('Art der Dienststelle').selectOption('AA');
  await page.getByLabel('Ihr Name').fill('Maria Beispiel');
  await page.getByLabel('Ihre Funktion').fill('Migrationsbeauftragte');
  await page.getByRole('button', { name: 'Prozess anlegen' }).click();
  await page.getByRole('heading', { level: 1, name: AGENCY }).waitFor();
}

describe('the ambassador’s journey', () => {
  const app = appUnderTest();

  it('creates a process, meets the mandate’s exit criterion with evidence and asks for the first sign-off', async () => {
    const { page, errors, context } = await session(app.browser);
    await createProcess(page, app.url);
    expect(await page.locator('.stepper [aria-current="step"]').textContent()).toContain('Auftragsklärung');

    // Before the Kontrakt exists, the request is refused with its reason.
    const request = page.getByRole('button', { name: 'Freigabe beantragen' });
    expect(await request.getAttribute('aria-disabled')).toBe('true');
    await onScreen(page).getByText('Es fehlt für Auftragsklärung: Kontrakt / Zielvereinbarung (0 von 1).').first().waitFor();

    // Attach the written mandate as a file.
    await attachPdf(page, 'kontrakt', 'Kontrakt DIKÖ 2027', 'kontrakt.pdf');
    expect(await axeViolations(page)).toEqual([]);

    // Back on the overview the criterion is met by that evidence, and the request goes out.
    await page.getByRole('link', { name: 'Übersicht', exact: true }).click();
    await onScreen(page).getByText('Erfüllt durch: Kontrakt DIKÖ 2027').waitFor();
    await expect.poll(() => request.getAttribute('aria-disabled')).toBeNull();
    await request.click();
    await onScreen(page).getByText('Wartet auf: Geschäftsführung').waitFor();
    // The stage stays until the managing director decides (the sign-off flow itself is the next step).
    const advance = page.getByRole('button', { name: 'Phase abschließen und weiter zu „Strukturaufbau“' });
    expect(await advance.getAttribute('aria-disabled')).toBe('true');
    expect(errors).toEqual([]);

    // Everything survives a reload.
    await page.reload();
    await onScreen(page).getByText('Wartet auf: Geschäftsführung').waitFor();
    await context.close();
  });

  it('on the demo process sees the overdue measure, attaches minutes that meet a criterion, and meets the engine’s reasons in the self-assessment', async () => {
    const { page, errors, context } = await session(app.browser);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Beispielprozess laden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jobcenter Neckar-Alb (Demo)' }).waitFor({ timeout: 60_000 });

    await page.getByRole('link', { name: 'Maßnahmen' }).click();
    await onScreen(page).getByText('überfällig').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Nachweise' }).click();
    await page.getByRole('heading', { name: 'Nachweis hinzufügen' }).waitFor();
    await page.getByLabel('Art des Nachweises').selectOption('protokoll');
    await page.getByRole('textbox', { name: 'Titel', exact: true }).fill('Protokoll Steuerungsgruppe November 2026');
    await page.getByRole('radio', { name: 'Notiz' }).check();
    await page.getByLabel('Text der Notiz').fill('Umsetzungsstand besprochen; Schulungskonzept wird neu terminiert.');
    await page.getByRole('button', { name: 'Nachweis speichern' }).click();
    await onScreen(page).getByText('Nachweis „Protokoll Steuerungsgruppe November 2026“ gespeichert.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The steering-group minutes now meet that criterion on the overview.
    await page.getByRole('link', { name: 'Übersicht', exact: true }).click();
    await onScreen(page).getByText('Erfüllt durch: Protokoll Steuerungsgruppe November 2026').waitFor();

    // Rating is refused in the implementation stage, and the reason says where it happens.
    await page.getByRole('link', { name: 'Standards' }).click();
    await onScreen(page).getByText('Bestandsaufnahme').first().waitFor();
    await onScreen(page)
      .getByText(/wird nicht bewertet|Bewertet wird in/)
      .first()
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('does the same journey by keyboard alone: create, attach the mandate, request the sign-off', async () => {
    const { page, errors, context } = await session(app.browser);
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Neuen Prozess anlegen' }).waitFor();
    /** Presses Tab until the focused element's accessible label or text matches. */
    const tabTo = async (match: RegExp) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const label = await page.evaluate(() => {
          const el = document.activeElement as HTMLInputElement | null;
          return `${el?.labels?.[0]?.textContent ?? ''}|${el?.textContent ?? ''}|${el?.getAttribute('aria-label') ?? ''}`;
        });
        if (match.test(label)) return;
      }
      throw new Error(`no focusable element matches ${match}`);
    };
    await tabTo(/^Name der Dienststelle/);
    await page.keyboard.type(AGENCY);
    await tabTo(/^Ihr Name/);
    await page.keyboard.type('Maria Beispiel');
    await tabTo(/\|Prozess anlegen\|/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: AGENCY }).waitFor();

    await tabTo(/\|Nachweise\|/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Nachweis hinzufügen' }).waitFor();
    await tabTo(/^Art des Nachweises/);
    await page.keyboard.type('Kontrakt');
    await tabTo(/^Titel/);
    await page.keyboard.type('Kontrakt DIKÖ 2027 (Notiz)');
    // A radio group is one tab stop; the arrow keys choose within it (Datei → Link → Notiz).
    await tabTo(/^Datei\|/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await tabTo(/^Text der Notiz/);
    await page.keyboard.type('Auftrag der Geschäftsführung vom 10.01.2027, IKBO-Zeitanteil 20 %.');
    await tabTo(/\|Nachweis speichern\|/);
    await page.keyboard.press('Enter');
    await onScreen(page).getByText('Nachweis „Kontrakt DIKÖ 2027 (Notiz)“ gespeichert.').waitFor();

    await tabTo(/\|Übersicht\|/);
    await page.keyboard.press('Enter');
    await onScreen(page).getByText('Erfüllt durch: Kontrakt DIKÖ 2027 (Notiz)').waitFor();
    await tabTo(/\|Freigabe beantragen\|/);
    await page.keyboard.press('Enter');
    await onScreen(page).getByText('Wartet auf: Geschäftsführung').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
