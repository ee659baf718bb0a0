/**
 * BITV 2.0 over every route: axe (WCAG 2.1 A/AA) with every disclosure open, reflow at 320 CSS
 * px and at 400 % zoom of 1280 px (WCAG 1.4.10), text spacing (1.4.12), a visible focus on every
 * element Tab reaches (2.4.7), a heading outline read from Chromium's accessibility tree, one
 * live region, and the statement and Leichte Sprache reachable by keyboard from the start.
 */
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PROCESS_ID } from '../../src/domain/demo/demo-id.ts';
import { appUnderTest, axeViolations, onScreen, session } from './harness.ts';

const DEMO = 'Jobcenter Neckar-Alb (Demo)';
const TABS = ['', '/measures', '/evidence', '/standards', '/timeline', '/export', '/report'];
const ROUTES = [
  '#/',
  '#/settings',
  '#/inbox',
  '#/verify',
  '#/region',
  '#/region/report',
  '#/barrierefreiheit',
  '#/leichte-sprache',
  '#/gebaerdensprache',
  '#/nirgends',
  ...TABS.map((tab) => `#/p/${DEMO_PROCESS_ID}${tab}`),
];

/** 400 % zoom of a 1280 × 1024 window is a 320 × 256 CSS px viewport. */
const ZOOMED = { width: 320, height: 256 };
const WIDE = { width: 1280, height: 800 };

const OPERATOR = {
  organisation: 'Agentur für Arbeit Reutlingen',
  email: 'reutlingen.barrierefreiheit@example.org',
  phone: '07121 309-0',
  address: ['Albstraße 83', '72764 Reutlingen'],
};

async function withDemo(page: Page, url: string): Promise<void> {
  await page.route('**/operator.json', (route) => route.fulfill({ json: OPERATOR }));
  await page.goto(url);
  await page.getByRole('button', { name: 'Beispielprozess laden' }).click();
  await page.getByRole('heading', { level: 1, name: DEMO }).waitFor({ timeout: 60_000 });
}

async function show(page: Page, url: string, route: string): Promise<void> {
  await page.goto(`${url}${route}`);
  await page.locator('main h1:visible').first().waitFor({ timeout: 60_000 });
  // Lazy parts (the catalog, the timeline list, the regional overview) settle.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(150);
}

/** Opens every disclosure, as a user would to fill in the forms behind them. */
async function openDisclosures(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
  await page.waitForTimeout(100);
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Elements whose text is cut off by their own box (overflow hidden), leaving out visually hidden texts. */
async function clippedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const clipped: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('main *, header *, footer *')) {
      const style = getComputedStyle(el);
      const hides = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
      if (!hides || el.clientWidth <= 1 || el.clientHeight <= 1 || !el.textContent?.trim()) continue;
      if (el.scrollHeight > el.clientHeight + 2 || el.scrollWidth > el.clientWidth + 2) {
        clipped.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 40)}`);
      }
    }
    return clipped;
  });
}

/** WCAG 1.4.12: the spacing a user style sheet may set; no content may be lost under it. */
async function widenTextSpacing(page: Page): Promise<() => Promise<void>> {
  const style = await page.addStyleTag({
    content:
      '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }',
  });
  // Hash routes do not reload the page: the style would stay for every later route.
  return () => style.evaluate((el) => (el as Element).remove());
}

type AxNode = {
  role?: { value?: string };
  name?: { value?: string };
  ignored?: boolean;
  properties?: { name: string; value: { value?: unknown } }[];
};

/** The headings as Chromium's accessibility tree exposes them to screen readers. */
async function headingOutline(cdp: CDPSession): Promise<{ level: number; name: string }[]> {
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
  return nodes
    .filter((n) => !n.ignored && n.role?.value === 'heading')
    .map((n) => ({
      level: Number(n.properties?.find((p) => p.name === 'level')?.value.value ?? 0),
      name: String(n.name?.value ?? ''),
    }));
}

function outlineProblems(headings: { level: number; name: string }[]): string[] {
  const problems: string[] = [];
  if (headings.filter((h) => h.level === 1).length !== 1) problems.push(`h1 count ${headings.filter((h) => h.level === 1).length}`);
  if (headings[0]?.level !== 1) problems.push(`first heading is h${headings[0]?.level}`);
  headings.forEach((h, i) => {
    const before = headings[i - 1];
    if (before && h.level > before.level + 1) problems.push(`h${before.level} "${before.name}" → h${h.level} "${h.name}"`);
    if (!h.name.trim()) problems.push(`empty h${h.level}`);
  });
  return problems;
}

/** Tabs through the page; for each element reached, whether a focus indicator is drawn. */
async function focusWithoutRing(page: Page, stops: number): Promise<string[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const missing: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    const result = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const ringOf = (e: Element) => {
        const s = getComputedStyle(e);
        return (s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) >= 2) || (s.boxShadow !== 'none' && s.boxShadow !== '');
      };
      // A transparent file input draws its ring on the visible button it lies over.
      const drawn = el.matches('.file-input-native') ? el.nextElementSibling : el;
      const label = `${el.tagName.toLowerCase()}[${el.getAttribute('type') ?? ''}] ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)} #${el.id}`;
      return { label, ring: drawn ? ringOf(drawn) : false };
    });
    if (!result) continue;
    if (seen.has(result.label)) break;
    seen.add(result.label);
    if (!result.ring) missing.push(result.label);
  }
  return missing;
}

describe('BITV 2.0 on every route', () => {
  const app = appUnderTest();

  it('passes axe with every disclosure open, reflows at 320 px and 400 % zoom, and keeps text under wider spacing', async () => {
    const { page, errors, context } = await session(app.browser);
    await withDemo(page, app.url);
    const failures: string[] = [];
    for (const viewport of [WIDE, ZOOMED]) {
      await page.setViewportSize(viewport);
      for (const route of ROUTES) {
        await show(page, app.url, route);
        await openDisclosures(page);
        const where = `${route} at ${viewport.width}×${viewport.height}`;
        const violations = await axeViolations(page);
        if (violations.length > 0) failures.push(`${where}: axe ${JSON.stringify(violations)}`);
        const overflow = await horizontalOverflow(page);
        if (overflow > 0) failures.push(`${where}: scrolls sideways by ${overflow} px`);
        if (viewport === ZOOMED) {
          const restore = await widenTextSpacing(page);
          const clipped = await clippedTexts(page);
          if (clipped.length > 0) failures.push(`${where}: text clipped under wider spacing: ${clipped.join(' | ')}`);
          const spaced = await horizontalOverflow(page);
          if (spaced > 0) failures.push(`${where}: scrolls sideways by ${spaced} px under wider spacing`);
          await restore();
        }
      }
    }
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives every route one h1 and an outline without gaps in the accessibility tree, and one live region', async () => {
    const { page, context } = await session(app.browser);
    await withDemo(page, app.url);
    const cdp = await context.newCDPSession(page);
    const failures: string[] = [];
    for (const route of ROUTES) {
      await show(page, app.url, route);
      const problems = outlineProblems(await headingOutline(cdp));
      if (problems.length > 0) failures.push(`${route}: ${problems.join('; ')}`);
      const live = await page.evaluate(
        () => document.querySelectorAll('[aria-live], [role="status"], [role="alert"], [role="log"], output').length,
      );
      if (live !== 1) failures.push(`${route}: ${live} live regions`);
    }
    expect(failures).toEqual([]);
    await context.close();
  });

  it('draws a visible focus on every element that Tab reaches, date fields and file inputs included', async () => {
    const { page, context } = await session(app.browser);
    await withDemo(page, app.url);
    const failures: string[] = [];
    for (const route of ROUTES) {
      await show(page, app.url, route);
      await openDisclosures(page);
      const missing = await focusWithoutRing(page, 80);
      if (missing.length > 0) failures.push(`${route}: ${missing.join(' | ')}`);
    }
    expect(failures).toEqual([]);
    // The three date fields that showed no ring before, by keyboard.
    await show(page, app.url, '#/');
    const start = page.getByLabel('Beginn des Prozesses');
    await start.focus();
    await page.keyboard.press('ArrowUp');
    expect(await start.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await context.close();
  });

  it('reaches the statement and the Leichte-Sprache page by keyboard from the start screen', async () => {
    const { page, context } = await session(app.browser);
    await page.route('**/operator.json', (route) => route.fulfill({ json: OPERATOR }));
    for (const [link, heading] of [
      ['Erklärung zur Barrierefreiheit', 'Erklärung zur Barrierefreiheit'],
      ['Leichte Sprache', 'Ankerpunkt in Leichter Sprache'],
      ['Gebärdensprache', 'Ankerpunkt in Deutscher Gebärdensprache'],
    ] as const) {
      await page.goto(app.url);
      await page.getByRole('heading', { level: 1 }).waitFor();
      let reached = false;
      for (let i = 0; i < 80 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate((name) => document.activeElement?.textContent?.trim() === name, link);
      }
      expect(reached, link).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    }
    await context.close();
  });

  it('names the operator in the statement and writes feedback as an e-mail to them', async () => {
    const { page, errors, context } = await session(app.browser);
    await page.route('**/operator.json', (route) => route.fulfill({ json: OPERATOR }));
    await page.goto(`${app.url}#/barrierefreiheit`);
    await page.getByRole('heading', { level: 2, name: 'Stand der Vereinbarkeit mit den Anforderungen' }).waitFor();
    for (const section of [
      'Nicht barrierefreie Inhalte',
      'Erstellung dieser Erklärung',
      'Barrieren melden: Feedback und Kontakt',
      'Schlichtungsverfahren',
    ]) {
      await page.getByRole('heading', { level: 2, name: section }).waitFor();
    }
    await onScreen(page).getByText('Albstraße 83').waitFor();
    expect(await page.getByRole('link', { name: OPERATOR.email }).getAttribute('href')).toBe(`mailto:${OPERATOR.email}`);
    expect(await page.getByRole('link', { name: 'www.schlichtungsstelle-bgg.de' }).getAttribute('href')).toBe(
      'https://www.schlichtungsstelle-bgg.de',
    );

    // An empty description is refused in words, at the field.
    await page.getByRole('button', { name: 'E-Mail erstellen' }).click();
    await onScreen(page).getByText('Bitte beschreiben Sie die Barriere.').waitFor();
    await page.getByLabel('Betroffene Seite oder Funktion').fill('Nachweise, Datei hochladen');
    await page.getByLabel('Beschreibung der Barriere').fill('Der Fokus ist auf dem Datumsfeld nicht zu sehen.');
    await page.getByRole('button', { name: 'E-Mail erstellen' }).click();
    const mail = page.getByRole('link', { name: 'E-Mail an die Kontaktstelle öffnen' });
    const href = (await mail.getAttribute('href')) ?? '';
    expect(href.startsWith(`mailto:${OPERATOR.email}?subject=`)).toBe(true);
    expect(new URL(href).searchParams.get('body')).toContain('Der Fokus ist auf dem Datumsfeld nicht zu sehen.');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says plainly that the contact and the DGS video are missing when the operator has not provided them', async () => {
    const { page, context } = await session(app.browser);
    await page.goto(`${app.url}#/barrierefreiheit`);
    await onScreen(page)
      .getByText(/Kontaktdaten der Stelle, die diese Installation betreibt, sind noch nicht hinterlegt/)
      .waitFor();
    expect(await page.getByRole('button', { name: 'E-Mail erstellen' }).getAttribute('aria-disabled')).toBe('true');
    await page.goto(`${app.url}#/gebaerdensprache`);
    await onScreen(page)
      .getByText(/noch kein Video in Deutscher Gebärdensprache hinterlegt/)
      .waitFor();
    await page.route('**/operator.json', (route) =>
      route.fulfill({ json: { ...OPERATOR, signLanguageVideo: 'https://intranet.example.org/dgs.mp4' } }),
    );
    await page.reload();
    expect(await page.getByRole('link', { name: 'Video in Deutscher Gebärdensprache ansehen' }).getAttribute('href')).toBe(
      'https://intranet.example.org/dgs.mp4',
    );
    await context.close();
  });

  it('shows German text on file inputs in a browser set to English', async () => {
    const context = await app.browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Berlin', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${app.url}#/verify`);
    const input = page.locator('input[type="file"]').first();
    await input.waitFor({ state: 'attached' });
    expect(await input.evaluate((el) => getComputedStyle(el).opacity)).toBe('0');
    const zone = page.locator('.file-input').first();
    expect(await zone.textContent()).toContain('Datei auswählen');
    expect(await zone.textContent()).toContain('Keine Datei ausgewählt');
    await input.setInputFiles({ name: 'prüfpfad.json', mimeType: 'application/json', buffer: Buffer.from('{}') });
    await onScreen(page).getByText('Gewählt: prüfpfad.json').waitFor();
    await context.close();
  });
});
