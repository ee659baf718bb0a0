import { launchChromium } from '/work/main/scripts/chromium.ts';

const b = await launchChromium();
const ctx = await b.newContext({ locale: 'en-US', viewport: { width: 700, height: 700 } });
const page = await ctx.newPage();
await page.goto('http://127.0.0.1:4600/#/verify');
await page.waitForTimeout(800);
await page.locator('input[type=file]').first().focus();
await page.keyboard.press('Shift+Tab');
await page.keyboard.press('Tab');
await page.locator('.drop-zone').first().screenshot({ path: '/tmp/shots/dropzone.png' });
await b.close();
