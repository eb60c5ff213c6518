// The widget end to end: the served release build under a sub-path, in real Chromium.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WidgetPage } from './widget-page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const fixtures = resolve(here, '../fixtures');
const shots = resolve(here, 'artifacts/screenshots');
const SNAPSHOT = '**/data/snapshot.json';
// Percent signs follow a narrow no-break space (U+202F).
const pct = (n) => `${n}\u202f%`;

/** Fails the test on any console error or uncaught exception. */
function watchConsole(page) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'] }),
  );
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the bundled snapshot is requested once, alongside the wasm, with no unused preload', async ({ page }) => {
  const requests = [];
  const warnings = [];
  page.on('request', (r) => {
    if (/data\/snapshot\.json$/.test(r.url()) || r.url().endsWith('.wasm')) requests.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
  });
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.chart()).toBeVisible();
  await page.waitForTimeout(3500); // Chromium warns of an unused preload after about 3 s.
  expect(requests.filter((u) => u.endsWith('snapshot.json'))).toHaveLength(1);
  // Requested by the loader's preload link, not by the app once started: it does not wait for the
  // wasm to download and start.
  const initiator = await page.evaluate(
    () => performance.getEntriesByType('resource').find((e) => e.name.endsWith('data/snapshot.json')).initiatorType,
  );
  expect(initiator).toBe('link');
  // Each preload is used: one request for the wasm too. (Chromium's note that a preload was not
  // used "within a few seconds" of the load event is about timing, which a busy test machine
  // stretches; a preload not used at all would show as a second request.)
  expect(requests.filter((u) => u.endsWith('.wasm'))).toHaveLength(1);
  expect(warnings.filter((w) => /snapshot\.json/i.test(w))).toEqual([]);
});

test('shows the study headline with its numbers, window and sources', async ({ page }) => {
  const errors = watchConsole(page);
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.title()).toHaveText('China leads by 1.3 percentage points');
  await expect(widget.subtitle()).toContainText('Aug 2024 – Aug 2025');
  const bars = widget.bars(widget.chart());
  await expect(bars).toHaveCount(3);
  await expect(widget.barLabels(bars.nth(0))).toHaveText('China');
  await expect(widget.barValues(bars.nth(0))).toHaveText(pct('17.1'));
  await expect(widget.barLabels(bars.nth(1))).toHaveText('United States');
  await expect(widget.barValues(bars.nth(1))).toHaveText(pct('15.8'));
  await expect(widget.barLabels(bars.nth(2))).toHaveText('Everyone else');
  await expect(widget.barValues(bars.nth(2))).toHaveText(pct('67.1'));
  // Bars are drawn to scale on one track, as laid out at this width.
  const widths = await widget.barFills(bars).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
  const track = await widget.barTrack(bars.nth(0)).evaluate((e) => e.getBoundingClientRect().width);
  expect(widths[0] / track).toBeCloseTo(0.171, 3);
  expect(widths[1] / track).toBeCloseTo(0.158, 3);
  expect(widths[2] / track).toBeCloseTo(0.671, 3);
  await expect(widget.chart()).toHaveAttribute(
    'aria-label',
    'Chart of the figures: use the arrow keys to move between them',
  );
  const markLabels = await widget.marks().evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(markLabels).toEqual([
    `China: ${pct('17.1')}, Aug\u00a02024\u00a0– Aug\u00a02025`,
    `United States: ${pct('15.8')}, Aug\u00a02024\u00a0– Aug\u00a02025`,
    `Everyone else: ${pct('67.1')}, Aug\u00a02024\u00a0– Aug\u00a02025`,
  ]);
  const source = widget.sourceLine();
  await expect(source).toContainText('MIT / Hugging Face study');
  await expect(source.getByRole('link', { name: 'Financial Times' })).toHaveAttribute(
    'href',
    'https://www.ft.com/content/8f187958-4461-42a3-90a8-3fecdb27155e',
  );
  await expect(source).toContainText('Stanford HAI / DigiChina');
  await expect(widget.asOfTime()).toHaveAttribute('datetime', '2026-11-29');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const drawn = await page.evaluate(
    () => performance.getEntriesByName('open-model-share:drawn', 'mark').length,
  );
  expect(drawn).toBe(1);
  expect(errors).toEqual([]);
});

test('speaks Italian with Italian numbers', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=it');
  await expect(widget.title()).toHaveText('Cina in testa di 1,3 punti percentuali');
  await expect(widget.subtitle()).toContainText('ago 2024 – ago 2025');
  await expect(widget.barValues()).toHaveText([pct('17,1'), pct('15,8'), pct('67,1')]);
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
});

test('falls back to the browser language, then warns about an unknown lang', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'it-IT' });
  const page = await context.newPage();
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const widget = new WidgetPage(page);
  await widget.goto('?lang=xx');
  await expect(widget.title()).toHaveText('Cina in testa di 1,3 punti percentuali');
  expect(warnings.join('\n')).toContain('invalid lang parameter');
  await context.close();
});

test('an HTTP 500 shows its own error, and retry recovers', async ({ page }) => {
  const widget = new WidgetPage(page);
  await page.route(SNAPSHOT, (route) => route.fulfill({ status: 500, body: 'oops' }));
  await widget.goto('?lang=en');
  const alert = widget.errorAlert();
  await expect(alert).toContainText('the server answered with HTTP status 500');
  await expect(widget.chart()).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await page.unroute(SNAPSHOT);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(widget.barValues().first()).toHaveText(pct('17.1'));
  await expect(widget.errorAlert()).toHaveCount(0);
});

test('a malformed snapshot shows a JSON error, and retry recovers', async ({ page }) => {
  await page.route(SNAPSHOT, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', path: resolve(fixtures, 'malformed.json') }),
  );
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.errorAlert()).toContainText('it is not valid JSON');
  await expect(widget.chart()).toHaveCount(0);
  await page.unroute(SNAPSHOT);
  await widget.retryButton('Try again').click();
  await expect(widget.title()).toHaveText('China leads by 1.3 percentage points');
});

test('an invalid snapshot names each problem and draws no chart', async ({ page }) => {
  await page.route(SNAPSHOT, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', path: resolve(fixtures, 'invalid-many.json') }),
  );
  const widget = new WidgetPage(page);
  await widget.goto('?lang=it');
  const alert = widget.errorAlert();
  await expect(alert).toContainText('Il file dei dati contiene errori');
  await expect(widget.errorProblems().first()).toHaveText(
    'data_as_of: "2026-02-30" non è una data nella forma AAAA, AAAA-MM o AAAA-MM-GG',
  );
  await expect(widget.errorProblems()).toHaveCount(6); // five problems and "e altri 6"
  await expect(widget.errorProblems().last()).toHaveText('e altri 6');
  await expect(widget.chart()).toHaveCount(0);
  await expect(alert.getByRole('button', { name: 'Riprova' })).toBeVisible();
});

test('a network failure says so', async ({ page }) => {
  const widget = new WidgetPage(page);
  await page.route(SNAPSHOT, (route) => route.abort('internetdisconnected'));
  await widget.goto('?lang=en');
  await expect(widget.errorAlert()).toContainText('the network request failed');
  await expect(widget.chart()).toHaveCount(0);
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds no violations in the ${scheme} theme`, async ({ page }) => {
    const widget = new WidgetPage(page);
    await page.emulateMedia({ colorScheme: scheme });
    await widget.goto('?lang=en');
    await expect(widget.chart()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
}
