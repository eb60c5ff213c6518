// Hosting: the static fallback without JavaScript and when the widget cannot start, and a strict
// Content-Security-Policy (no 'unsafe-inline', no 'unsafe-eval'; only 'wasm-unsafe-eval').
import { test, expect } from '@playwright/test';
import { WidgetPage } from './widget-page.mjs';

const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'";

test('without JavaScript, the fallback image, its description and the numbers show', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const widget = new WidgetPage(page);
  await widget.goto();
  await expect(widget.fallbackHeading()).toHaveText('China leads by 1.3 percentage points');
  const img = widget.fallbackImage();
  await expect(img).toHaveAttribute('alt', /^China leads by 1\.3 percentage points\. China 17\.1\u202f%, United States 15\.8\u202f%/);
  await expect.poll(() => img.evaluate((i) => i.complete && i.naturalWidth)).toBe(640);
  await expect(widget.fallbackRows()).toHaveCount(3);
  await expect(widget.fallbackNumbers()).toHaveText(['17.1\u202f%', '15.8\u202f%', '67.1\u202f%']);
  await page.screenshot({ path: 'tests/e2e/artifacts/screenshots/fallback-nojs.png', fullPage: true });
  await context.close();
});

test('when the widget cannot start, the same fallback shows', async ({ page }) => {
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.route('**/*_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const widget = new WidgetPage(page);
  await widget.goto();
  await expect(widget.fallbackHeading()).toHaveText('China leads by 1.3 percentage points');
  await expect(widget.fallbackRows()).toHaveCount(3);
  expect(errors.join('\n')).toContain('open-model-share: the widget could not start');
});

test('under a strict CSP the widget renders and works with no violation', async ({ page }) => {
  await page.route(/\/widgets\/oms\/(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.chart()).toBeVisible();
  await expect(widget.barValues().first()).toHaveText('17.1\u202f%');
  // Tooltips are positioned through the CSSOM, which the policy allows.
  await widget.barFills(widget.mark('us')).hover();
  await expect(widget.tooltip()).toHaveCSS('visibility', 'visible');
  await widget.tab(1).click();
  await expect(widget.table()).toBeVisible();
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  expect(errors).toEqual([]);
});

test('inside a sandbox="allow-scripts" iframe (an opaque origin), with CORS on the files', async ({ page }) => {
  const widget = new URL('./?lang=it&id=boxed', test.info().project.use.baseURL).href;
  await page.setContent(
    `<!doctype html><html><body><iframe id="boxed" src="${widget}" sandbox="allow-scripts" style="width:100%;border:0" height="400"></iframe></body></html>`,
  );
  const frame = WidgetPage.inFrame(page, '#boxed');
  await expect(frame.title()).toHaveText('Cina in testa di 1,3 punti percentuali');
  await expect(frame.barValues().first()).toHaveText('17,1\u202f%');
});
