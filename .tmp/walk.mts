import { launchChromium } from '/work/main/scripts/chromium.ts';
const url = process.argv[2] ?? 'http://127.0.0.1:4600/';
const routes = (process.argv[3] ?? '#/barrierefreiheit,#/leichte-sprache,#/gebaerdensprache').split(',');
const width = Number(process.argv[4] ?? 320);
const b = await launchChromium();
const ctx = await b.newContext({ locale: 'de-DE', viewport: { width, height: 800 } });
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('ERR', e));
await page.goto(url);
for (const r of routes) {
  await page.goto(url + r);
  await page.waitForTimeout(600);
  const sw = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  console.log(r, sw);
  await page.screenshot({ path: `/tmp/shots/${r.replace(/[#/]/g, '_')}-${width}.png`, fullPage: true });
}
await b.close();
