// Hosting: the static fallback without JavaScript and when the widget cannot start, and a strict
// Content-Security-Policy (no 'unsafe-inline', no 'unsafe-eval'; only 'wasm-unsafe-eval').
import { test, expect } from '@playwright/test';

const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'";

test('without JavaScript, the fallback image, its description and the numbers show', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('./');
  const fallback = page.locator('.oms-fallback');
  await expect(fallback.locator('h1')).toHaveText('China leads by 1.3 percentage points');
  const img = fallback.locator('img');
  await expect(img).toHaveAttribute('alt', /^China leads by 1\.3 percentage points\. China 17\.1\u202f%, United States 15\.8\u202f%/);
  await expect.poll(() => img.evaluate((i) => i.complete && i.naturalWidth)).toBe(640);
  await expect(fallback.locator('tbody tr')).toHaveCount(3);
  await expect(fallback.locator('tbody td.oms-num')).toHaveText(['17.1\u202f%', '15.8\u202f%', '67.1\u202f%']);
  await page.screenshot({ path: 'tests/e2e/artifacts/screenshots/fallback-nojs.png', fullPage: true });
  await context.close();
});

test('when the widget cannot start, the same fallback shows', async ({ page }) => {
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.route('**/*_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('./');
  await expect(page.locator('.oms-fallback h1')).toHaveText('China leads by 1.3 percentage points');
  await expect(page.locator('.oms-fallback tbody tr')).toHaveCount(3);
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
  await page.goto('./?lang=en');
  await expect(page.locator('.oms-chart')).toBeVisible();
  await expect(page.locator('.oms-bar__value').first()).toHaveText('17.1\u202f%');
  // Tooltips are positioned through the CSSOM, which the policy allows.
  await page.locator('.oms-mark[data-key="us"] .oms-bar__fill').hover();
  await expect(page.getByRole('tooltip')).toHaveCSS('visibility', 'visible');
  await page.locator('.oms-tab').nth(1).click();
  await expect(page.locator('.oms-table')).toBeVisible();
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  expect(errors).toEqual([]);
});

test('inside a sandbox="allow-scripts" iframe (an opaque origin), with CORS on the files', async ({ page }) => {
  const widget = new URL('./?lang=it&id=boxed', test.info().project.use.baseURL).href;
  await page.setContent(
    `<!doctype html><html><body><iframe id="boxed" src="${widget}" sandbox="allow-scripts" style="width:100%;border:0" height="400"></iframe></body></html>`,
  );
  const frame = page.frameLocator('#boxed');
  await expect(frame.locator('.oms-title')).toHaveText('Cina in testa di 1,3 punti percentuali');
  await expect(frame.locator('.oms-bar__value').first()).toHaveText('17,1\u202f%');
});
