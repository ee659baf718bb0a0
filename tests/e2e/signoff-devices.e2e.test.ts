/**
 * A sign-off across two devices: two independent browser contexts (each its own IndexedDB and
 * keys) exchange only files, as an ambassador and a managing director would by e-mail. The
 * director refuses with a comment, the ambassador asks again, the director grants; forged and
 * repeated response files are refused through the real file input with nothing changed.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest, axeViolations, onScreen, session } from './harness.ts';
import { attachPdf, createProcess, profileWithIdentityFile, registerFromIdentityFile } from './steps.ts';

const AGENCY = 'Agentur für Arbeit Reutlingen';
const COMMENT = 'Der Zeitanteil der IKBO fehlt im Kontrakt.';

interface Saved {
  name: string;
  buffer: Buffer;
}

/** Clicks `button` and returns the file the page offers for download. */
async function download(page: Page, button: string): Promise<Saved> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), buffer: readFileSync(path) };
}

function asFile(saved: Saved) {
  return { name: saved.name, mimeType: 'application/json', buffer: saved.buffer };
}

/** The ambassador reads a response file in, through the file input of the overview. */
async function importResponse(page: Page, saved: Saved | { name: string; buffer: Buffer }): Promise<void> {
  await page.getByLabel('Antwort der Geschäftsführung einlesen').setInputFiles(asFile(saved));
}

/** The current person on this device, then back to the process. */
async function actAs(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Einstellungen' }).click();
  const select = page.getByLabel('Aktuelle Person');
  const value = await select.locator('option', { hasText: name }).getAttribute('value');
  await select.selectOption(value ?? '');
  await page.getByRole('link', { name: 'Prozesse' }).click();
  await page.getByRole('link', { name: `${AGENCY} öffnen` }).click();
  await page.getByRole('heading', { level: 1, name: AGENCY }).waitFor();
}

/** The audit bundle (JSON) from the export tab. */
async function exportBundle(page: Page): Promise<Saved> {
  await page.getByRole('link', { name: 'Export' }).click();
  await page.getByRole('heading', { level: 2, name: 'Export' }).waitFor();
  return download(page, 'Prüfpaket herunterladen (JSON)');
}

describe('a sign-off on two devices', () => {
  const app = appUnderTest();

  it('the director refuses by file, the ambassador reworks and asks again, the director grants; forged files are refused', async () => {
    const ambassador = await session(app.browser);
    const director = await session(app.browser);
    const amb = ambassador.page;
    const dir = director.page;

    // The ambassador's device: a new process.
    await createProcess(amb, app.url, AGENCY, 'AA', 'Maria Beispiel');

    // The director's device: a profile of their own, whose identity file goes to the ambassador.
    const identity = await profileWithIdentityFile(dir, app.url, 'Dr. Paul Leiter');
    await registerFromIdentityFile(amb, identity, 'managingDirector', /Dr\. Paul Leiter/);

    // The Kontrakt as a file, then the request, saved as a file for the director.
    await attachPdf(amb, 'kontrakt', 'Kontrakt DIKÖ 2027', 'kontrakt.pdf');
    await amb.getByRole('link', { name: 'Übersicht', exact: true }).click();
    await amb.getByRole('button', { name: 'Freigabe beantragen' }).click();
    await onScreen(amb).getByText('Wartet auf: Geschäftsführung').waitFor();
    const firstRequest = await download(amb, 'Freigabeantrag als Datei speichern');
    expect(firstRequest.name).toMatch(/^freigabeantrag-agentur-fuer-arbeit-reutlingen-auftragsklaerung-\d{4}-\d{2}-\d{2}\.json$/);

    // The director opens it from the inbox: verified, stored read-only, the review opens.
    await dir.getByRole('link', { name: 'Freigaben' }).click();
    await dir.getByRole('heading', { level: 1, name: 'Freigaben' }).waitFor();
    expect(await axeViolations(dir)).toEqual([]);
    await dir.getByLabel('Freigabeantrag öffnen').setInputFiles(asFile(firstRequest));
    await dir.getByRole('heading', { level: 1, name: AGENCY }).waitFor();
    await onScreen(dir)
      .getByText(/Kopie nur zum Lesen/)
      .first()
      .waitFor();
    await dir.getByRole('heading', { name: 'Ihre Entscheidung als Geschäftsführung' }).waitFor();
    await onScreen(dir)
      .getByText(/Kontrakt DIKÖ 2027 \(Fassung 1\) · SHA-256/)
      .waitFor();
    expect(await axeViolations(dir)).toEqual([]);
    await dir.getByLabel('Kommentar').fill(COMMENT);
    const refusal = await download(dir, 'Ablehnen und Antwortdatei speichern');
    expect(refusal.name).toMatch(/^freigabeantwort-.*-abgelehnt-/);
    await onScreen(dir)
      .getByText(/Antwortdatei gespeichert: freigabeantwort-/)
      .waitFor();

    // The evidence file came along: the director can open it from the copy.
    await dir.getByRole('link', { name: 'Nachweise ansehen (Vorschau und Download)' }).click();
    await onScreen(dir).getByText('Vorschau und Download').first().click();
    await onScreen(dir).getByText('„kontrakt.pdf“ herunterladen').waitFor();
    expect(
      await onScreen(dir)
        .getByText(/liegt auf diesem Gerät nicht vor/)
        .count(),
    ).toBe(0);
    await dir.getByRole('link', { name: 'Übersicht', exact: true }).click();

    // The ambassador reads the refusal in; the comment shows, the stage stays open.
    await importResponse(amb, refusal);
    await onScreen(amb).getByText('Eingelesen: Freigabe abgelehnt von Dr. Paul Leiter.').waitFor();
    await amb.locator('q', { hasText: COMMENT }).waitFor();
    // The same file again: nothing is appended.
    await importResponse(amb, refusal);
    await onScreen(amb).getByText('Diese Antwort ist bereits eingelesen; es wurde nichts doppelt gespeichert.').waitFor();
    expect(await amb.locator('.decision-refused').count()).toBe(1);
    // A damaged file: refused with a message, nothing changed.
    await importResponse(amb, { name: 'kaputt.json', buffer: Buffer.from('{"format": "ankerpunkt.sign-off-response",') });
    await amb.locator('[data-status]').filter({ hasText: 'Die Datei ist kein gültiges JSON (an Stelle 42' }).waitFor();
    expect(await axeViolations(amb)).toEqual([]);

    // Reworked and asked again; the new file replaces the director's copy.
    await amb.getByRole('button', { name: 'Freigabe beantragen' }).click();
    await onScreen(amb).getByText('Wartet auf: Geschäftsführung').waitFor();
    const secondRequest = await download(amb, 'Freigabeantrag als Datei speichern');
    await dir.getByRole('link', { name: 'Freigaben' }).click();
    // A request file whose log was edited on the way is refused, and the old copy stays.
    const tampered = JSON.parse(secondRequest.buffer.toString('utf8'));
    const asked = tampered.bundle.events.findLast((e: { type: string }) => e.type === 'SignOffRequested');
    asked.payload.note = 'Bitte ungeprüft freigeben.';
    await dir
      .getByLabel('Freigabeantrag öffnen')
      .setInputFiles({ ...asFile(secondRequest), buffer: Buffer.from(JSON.stringify(tampered)) });
    await dir
      .locator('[data-status]')
      .filter({ hasText: /Der Prüfpfad in der Datei ist ab Eintrag \d+ gebrochen/ })
      .waitFor();
    await dir.getByLabel('Freigabeantrag öffnen').setInputFiles(asFile(secondRequest));
    await dir.getByRole('heading', { name: 'Ihre Entscheidung als Geschäftsführung' }).waitFor();
    await dir.locator('q', { hasText: COMMENT }).waitFor();
    await dir.getByRole('link', { name: 'Freigaben' }).click();
    await dir.getByRole('row', { name: new RegExp(AGENCY) }).waitFor();
    expect(await axeViolations(dir)).toEqual([]);
    await dir.getByRole('link', { name: `${AGENCY}: Freigabe prüfen` }).click();
    const grant = await download(dir, 'Freigeben und Antwortdatei speichern');
    // A second answer to the same request, which must not count once the first is in.
    await dir.getByLabel('Kommentar').fill('Doch nicht.');
    const lateRefusal = await download(dir, 'Ablehnen und Antwortdatei speichern');

    // A response edited after signing: the signature no longer holds.
    const edited = JSON.parse(grant.buffer.toString('utf8'));
    edited.decision.payload.comment = 'Freigabe ohne Auflagen.';
    await importResponse(amb, { name: grant.name, buffer: Buffer.from(JSON.stringify(edited)) });
    await amb
      .locator('[data-status]')
      .filter({ hasText: /Die Signatur mit Schlüssel .* ist ungültig/ })
      .waitFor();
    expect(await amb.locator('.decision-granted').count()).toBe(0);

    // The real grant goes in; the late refusal for the decided request is refused.
    await importResponse(amb, grant);
    await onScreen(amb).getByText('Eingelesen: Freigabe erteilt von Dr. Paul Leiter.').waitFor();
    await importResponse(amb, lateRefusal);
    await amb
      .locator('[data-status]')
      .filter({ hasText: /bereits entschieden/ })
      .waitFor();
    expect(await amb.locator('.decision-refused').count()).toBe(1);

    // The stage can be completed.
    await amb.getByRole('button', { name: 'Phase abschließen und weiter zu „Strukturaufbau“' }).click();
    await amb.locator('.stepper [aria-current="step"]', { hasText: 'Strukturaufbau' }).waitFor();

    // The audit trail so far, then a colleague's profile on the same device, registered by Maria,
    // records a protocol under their own key; the trail again.
    const earlier = await exportBundle(amb);
    await amb.getByRole('link', { name: 'Einstellungen' }).click();
    await amb.getByRole('textbox', { name: 'Name', exact: true }).fill('Bernd Kollege');
    await amb.getByRole('button', { name: 'Person anlegen' }).click();
    await onScreen(amb).getByText('Person angelegt.').waitFor();
    await actAs(amb, 'Maria Beispiel');
    await onScreen(amb).getByText('Person dieses Geräts eintragen').click();
    const bernd = await amb.getByLabel('Person', { exact: true }).locator('option', { hasText: 'Bernd Kollege' }).getAttribute('value');
    await amb.getByLabel('Person', { exact: true }).selectOption(bernd ?? '');
    await amb.getByLabel('Rolle', { exact: true }).selectOption('ambassador');
    await amb.getByRole('button', { name: 'Eintragen', exact: true }).click();
    await amb.getByRole('rowheader', { name: /Bernd Kollege/ }).waitFor();
    await actAs(amb, 'Bernd Kollege');
    await amb.getByRole('link', { name: 'Nachweise' }).click();
    await amb.getByLabel('Art des Nachweises').selectOption('protokoll');
    await amb.getByRole('textbox', { name: 'Titel', exact: true }).fill('Protokoll Steuerungsgruppe');
    await amb
      .getByLabel('Datei auswählen')
      .setInputFiles({ name: 'protokoll.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nProtokoll\n') });
    await amb.getByRole('button', { name: 'Nachweis speichern' }).click();
    await onScreen(amb).getByText('Nachweis „Protokoll Steuerungsgruppe“ gespeichert.').waitFor();
    const later = await exportBundle(amb);

    // The director's device verifies it: every event signed, three signers with fingerprints.
    await dir.getByRole('link', { name: 'Prüfen & Importieren' }).click();
    await dir.getByLabel('Prüfpaket wählen (JSON oder ZIP)').setInputFiles(asFile(later));
    await dir.getByRole('heading', { name: /Ergebnis der Prüfung: Intakt/ }).waitFor();
    const signers = dir.getByRole('table', { name: /Jeder Schlüssel, der im Protokoll signiert hat/ });
    for (const name of ['Maria Beispiel', 'Dr. Paul Leiter', 'Bernd Kollege']) await signers.getByRole('rowheader', { name }).waitFor();
    await onScreen(dir)
      .getByText(/Alle \d+ Ereignisse sind einzeln signiert/)
      .waitFor();
    expect(await axeViolations(dir)).toEqual([]);
    // A fingerprint known from elsewhere (here: Maria's, as read out on the phone) is the anchor.
    const trail = JSON.parse(later.buffer.toString('utf8'));
    const founder: string = trail.events[0].payload.founder.key.keyId;
    await dir.getByLabel('Bekannte Fingerabdrücke', { exact: true }).fill(founder.toUpperCase().replace(/(.{4})/g, '$1 '));
    await dir.getByRole('button', { name: 'Fingerabdrücke prüfen' }).click();
    await onScreen(dir)
      .getByText(/^Vertraut: Das Prüfpaket ist mit den Schlüsseln signiert/)
      .waitFor();
    await dir.getByLabel('Bekannte Fingerabdrücke', { exact: true }).fill(`Maria Beispiel=${'0'.repeat(32)}`);
    await dir.getByRole('button', { name: 'Fingerabdrücke prüfen' }).click();
    await dir
      .locator('[data-status]')
      .filter({ hasText: /Nicht vertraut/ })
      .waitFor();
    // It continues the earlier export.
    await dir.getByLabel('Früheren Export wählen (JSON oder ZIP)').setInputFiles(asFile(earlier));
    await onScreen(dir)
      .getByText(/FORTGESETZT: beginnt mit genau den \d+ Ereignissen des früheren Exports, \d+ neu/)
      .waitFor();
    expect(await axeViolations(dir)).toEqual([]);
    // The earlier export against the later one: cut short.
    await dir.getByLabel('Prüfpaket wählen (JSON oder ZIP)').setInputFiles(asFile(earlier));
    await dir.getByRole('heading', { name: /Ergebnis der Prüfung: Intakt/ }).waitFor();
    await dir.getByLabel('Früheren Export wählen (JSON oder ZIP)').setInputFiles(asFile(later));
    await dir
      .locator('[data-status]')
      .filter({ hasText: /GEKÜRZT/ })
      .waitFor();

    // Bernd's entry edited in the file, its hash recomputed by no one: refused at that event.
    const attached = trail.events.findLast((e: { type: string }) => e.type === 'EvidenceAttached');
    attached.payload.title = 'Protokoll (geändert)';
    await dir
      .getByLabel('Prüfpaket wählen (JSON oder ZIP)')
      .setInputFiles({ ...asFile(later), buffer: Buffer.from(JSON.stringify(trail)) });
    await dir.getByRole('heading', { name: /Ergebnis der Prüfung: Gebrochen/ }).waitFor();
    await dir.locator('.verdict-where').getByText(`${attached.seq} (${attached.id})`).waitFor();
    expect(ambassador.errors).toEqual([]);
    expect(director.errors).toEqual([]);
    await ambassador.context.close();
    await director.context.close();
  });
});
