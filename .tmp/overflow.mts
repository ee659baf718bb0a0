import { launchChromium } from '/work/main/scripts/chromium.ts';
const url = 'http://127.0.0.1:4600/';
const routes = process.argv[2].split(',');
const b = await launchChromium();
const ctx = await b.newContext({ locale: 'de-DE', viewport: { width: 320, height: 256 } });
const page = await ctx.newPage();
await page.goto(url);
await page.getByRole('button', { name: 'Beispielprozess laden' }).click();
await page.getByRole('heading', { level: 1, name: 'Jobcenter Neckar-Alb (Demo)' }).waitFor({ timeout: 60000 });
for (const r of routes) {
  await page.goto(url + r);
  await page.waitForTimeout(1200);
  await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
  await page.waitForTimeout(200);
  const st = process.argv[3] ? await page.addStyleTag({ content: '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }' }) : null;
  const out = await page.evaluate(() => {
    const W = document.documentElement.clientWidth;
    const res: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > W + 0.5 && r.width > 0) {
        // skip if a child also overflows (report deepest only) -> report those whose children all fit
        const kids = [...el.children].some((c) => c.getBoundingClientRect().right > W + 0.5);
        // skip inside scroll boxes
        let p = el.parentElement, inScroll = false;
        while (p) { const s = getComputedStyle(p); if (['auto','scroll','hidden'].includes(s.overflowX) && p.clientWidth < p.scrollWidth) { inScroll = true; break; } p = p.parentElement; }
        if (!kids && !inScroll) res.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)} w=${Math.round(r.width)} "${(el.textContent||'').trim().slice(0,50)}"`);
      }
    }
    return [document.documentElement.scrollWidth - W, ...res.slice(0, 8)];
  });
  console.log(r, JSON.stringify(out, null, 1));
  if (st) await st.evaluate((el) => (el as Element).remove());
}
await b.close();
