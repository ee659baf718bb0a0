import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nodeSha256Hex } from '../../src/domain/crypto/node-sha256.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { verifyBundleBytes } from '../../src/domain/verify.ts';
import { appUnderTest, axeViolations, onScreen, session } from './harness.ts';

const DEMO = 'Jobcenter Neckar-Alb (Demo)';

async function loadDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Beispielprozess laden' }).click();
  await page.getByRole('heading', { level: 1, name: DEMO }).waitFor({ timeout: 60_000 });
}

/** Clicks and returns the bytes of the download the click starts. */
async function downloadOf(page: Page, buttonName: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName }).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

function withoutHead(json: string): string {
  return json.slice(0, json.indexOf('"head"'));
}

describe('exports and the process report', () => {
  const app = appUnderTest();

  it('exports the demo as a signed JSON bundle, a CSV table and a ZIP with its evidence, all of which check out', async () => {
    const { page, errors, context } = await session(app.browser);
    await loadDemo(page, app.url);
    await page.getByRole('link', { name: 'Export' }).click();
    await page.getByRole('heading', { level: 2, name: 'Export' }).waitFor();
    await onScreen(page)
      .getByText(/Prüfpakete werden signiert von Leyla Aydın, Fingerabdruck/)
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // JSON: intact by the same verifier the CLI uses; a second export differs only in its head.
    const json = await downloadOf(page, 'Prüfpaket herunterladen (JSON)');
    expect(json.name).toMatch(/^ankerpunkt-pruefpaket-jobcenter-neckar-alb-demo-\d{4}-\d{2}-\d{2}\.json$/);
    const verdict = await verifyBundleBytes(engine(), new Uint8Array(json.bytes), nodeSha256Hex);
    expect(verdict.status).toBe('intact');
    if (verdict.status !== 'intact') return;
    const eventCount = verdict.bundle.events.length;
    expect(verdict.bundle.head.exportedBy.personId).toBe(verdict.bundle.people.find((p) => p.name === 'Leyla Aydın')?.personId);
    await onScreen(page).getByText(`Prüfpaket „${json.name}“ erstellt: ${eventCount} Ereignisse, signiert.`).waitFor();
    const again = await downloadOf(page, 'Prüfpaket herunterladen (JSON)');
    expect(withoutHead(again.bytes.toString('utf8'))).toBe(withoutHead(json.bytes.toString('utf8')));

    // CSV: BOM, semicolons, one row per event plus the header.
    const csv = await downloadOf(page, 'Tabelle herunterladen (CSV)');
    expect(csv.name).toMatch(/^ankerpunkt-protokoll-jobcenter-neckar-alb-demo-.*\.csv$/);
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(text.slice(1), { delimiter: ';', newline: '\r\n', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(eventCount + 1);
    expect(parsed.data[0]?.[1]).toBe('Zeitpunkt (UTC)');
    expect(parsed.data[eventCount]?.[8]).toBe(verdict.bundle.head.headHash);

    // ZIP, written through the browser's save dialog (stubbed here: it records what is written).
    await page.evaluate(() => {
      const written: Uint8Array[] = [];
      (window as unknown as { zipWritten: Uint8Array[] }).zipWritten = written;
      (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async () => ({
        createWritable: async () => ({
          write: async (chunk: Uint8Array) => {
            written.push(chunk.slice());
          },
          close: async () => {},
          abort: async () => {
            written.length = 0;
          },
        }),
      });
    });
    await page.getByRole('button', { name: 'Prüfpaket mit Nachweisdateien herunterladen (ZIP)' }).click();
    await onScreen(page)
      .getByText(/^ZIP „ankerpunkt-pruefpaket-mit-nachweisen-jobcenter-neckar-alb-demo-.*\.zip“ gespeichert/)
      .waitFor();
    const base64 = await page.evaluate(() => {
      const parts = (window as unknown as { zipWritten: Uint8Array[] }).zipWritten;
      let binary = '';
      for (const part of parts)
        for (let i = 0; i < part.length; i += 0x8000) binary += String.fromCharCode(...part.subarray(i, i + 0x8000));
      return btoa(binary);
    });
    const files = unzipSync(new Uint8Array(Buffer.from(base64, 'base64')));
    const names = Object.keys(files);
    expect(names[0]).toBe('bundle.json');
    expect(names).toContain('LIESMICH.txt');
    const zipped = await verifyBundleBytes(engine(), files['bundle.json'] as Uint8Array, nodeSha256Hex);
    expect(zipped.status).toBe('intact');
    if (zipped.status !== 'intact') return;
    const evidence = names.filter((n) => n.startsWith('evidence/'));
    const expected = new Set(zipped.bundle.evidence.filter((e) => e.contentType === 'file').map((e) => e.sha256));
    expect(evidence.length).toBe(expected.size);
    for (const name of evidence) {
      const digest = name.slice('evidence/'.length);
      expect(expected.has(digest)).toBe(true);
      expect(
        createHash('sha256')
          .update(files[name] as Uint8Array)
          .digest('hex'),
      ).toBe(digest);
    }
    expect(strFromU8(files['LIESMICH.txt'] as Uint8Array)).toContain('npx ankerpunkt verify bundle.json');

    // Without the save dialog, the same ZIP arrives as an ordinary download.
    await page.evaluate(() => {
      delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    });
    const zip = await downloadOf(page, 'Prüfpaket mit Nachweisdateien herunterladen (ZIP)');
    expect(Object.keys(unzipSync(new Uint8Array(zip.bytes)))).toEqual(names);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('prints the process report with every section on A4 pages', async () => {
    const { page, errors, context } = await session(app.browser);
    await loadDemo(page, app.url);
    await page.getByRole('link', { name: 'Export' }).click();
    await page.getByRole('link', { name: 'Prozessbericht öffnen' }).click();
    await page.getByRole('heading', { level: 1, name: DEMO }).waitFor();
    for (const title of [
      'Phasenverlauf je Zyklus',
      'Meilensteine und Freigaben',
      'Reifegrad der Standards je Zyklus',
      'Maßnahmen und Ergebnisse',
      'Nachweisverzeichnis',
      'Hash-Kette und Prüfung',
    ]) {
      await page.getByRole('heading', { level: 2, name: title }).waitFor();
    }
    for (const cycle of [1, 2, 3]) await page.getByRole('heading', { level: 3, name: `Zyklus ${cycle}` }).waitFor();
    await onScreen(page)
      .getByText(/Dr\. Thomas Berger, abgelehnt am/)
      .first()
      .waitFor();
    await onScreen(page).getByText('npx ankerpunkt verify <datei>').waitFor();
    const headHash = await page.locator('.report-chain .report-digest').textContent();
    expect(headHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByRole('button', { name: 'Drucken / als PDF speichern' }).isVisible()).toBe(true);
    expect(await page.locator('.stepper').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // English on request: the app's language switch.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Hash chain and verification' }).waitFor();
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.getByRole('heading', { level: 2, name: 'Hash-Kette und Prüfung' }).waitFor();

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Drucken / als PDF speichern' }).isVisible()).toBe(false);
    await mkdir('tmp', { recursive: true });
    const shot = 'tmp/export-report-print.png';
    await page.screenshot({ path: shot, fullPage: true });
    expect((await stat(shot)).size).toBeGreaterThan(10_000);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await writeFile('tmp/export-report.pdf', pdf);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(errors).toEqual([]);
    await context.close();
  });
});
