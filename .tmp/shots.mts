import { launchChromium } from '/work/main/scripts/chromium.ts';

const url = 'http://127.0.0.1:4600/';
const b = await launchChromium();
const ctx = await b.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
await page.goto(url);
await page.getByRole('button', { name: 'Beispielprozess laden' }).click();
await page.getByRole('heading', { level: 1, name: 'Jobcenter Neckar-Alb (Demo)' }).waitFor({ timeout: 60000 });
await page.waitForTimeout(800);
await page.screenshot({ path: '/tmp/shots/overview.png' });
await page.goto(`${url}#/p/jc-neckar-alb/evidence`);
await page.waitForTimeout(1000);
await page.screenshot({ path: '/tmp/shots/evidence.png' });
await page.goto(`${url}#/barrierefreiheit`);
await page.waitForTimeout(800);
await page.screenshot({ path: '/tmp/shots/statement.png', fullPage: false });
await b.close();
