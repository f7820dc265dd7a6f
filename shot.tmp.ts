import { chromium } from 'playwright-core';
import { serveDist } from './src/tools/serve-dist.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './src/build/chromium.ts';
const [dist, ...jobs] = process.argv.slice(2);
const served = await serveDist(dist!);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
for (const job of jobs) {
  // job: name|path|width|scrollSelector|action
  const [name, path, w, sel, action] = job.split('|');
  const mobile = Number(w) < 600;
  const ctx = await browser.newContext({ viewport: { width: Number(w), height: mobile ? 844 : 900 }, hasTouch: mobile, isMobile: mobile });
  const page = await ctx.newPage();
  await page.goto(served.url + path);
  if (sel) await page.locator(sel).first().scrollIntoViewIfNeeded();
  if (sel) await page.evaluate(() => window.scrollBy(0, -120));
  if (action === 'hover' && sel) await page.locator(sel).first().hover();
  if (action === 'focus' && sel) await page.locator(sel).first().focus();
  if (action === 'tap' && sel) await page.locator(sel).first().tap();
  await page.screenshot({ path: `/tmp/labels-${name}.png` });
  await ctx.close();
}
await browser.close();
await served.close();
