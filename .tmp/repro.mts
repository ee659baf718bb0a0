import { launchChromium } from '/work/main/scripts/chromium.ts';
const url = 'http://127.0.0.1:4600/';
const b = await launchChromium();
const ctx = await b.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('ERR', e));
page.on('console', (m) => m.type() === 'error' && console.log('CONSOLE', m.text()));
await page.goto(url);
await page.getByRole('button', { name: 'Beispielprozess laden' }).click();
await page.getByRole('heading', { level: 1, name: 'Jobcenter Neckar-Alb (Demo)' }).waitFor({ timeout: 60000 });
for (const r of ['#/', '#/settings', '#/inbox']) {
  await page.goto(url + r);
  await page.waitForTimeout(1000);
  console.log(r, await page.evaluate(() => [...document.querySelectorAll('main h1')].map((h) => `${h.textContent} ${h.checkVisibility()}`)));
  await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
  const seen: string[] = [];
  for (let i = 0; i < 80; i++) { await page.keyboard.press('Tab'); seen.push(await page.evaluate(() => document.activeElement?.tagName + ':' + (document.activeElement?.textContent ?? '').slice(0, 20))); }
  console.log(seen.slice(0, 80).join(' | '));
}
await page.waitForTimeout(3000);
console.log(await page.evaluate(() => [location.hash, ...[...document.querySelectorAll('main h1')].map((h) => `${h.textContent} ${h.checkVisibility()}`)]));
await b.close();
