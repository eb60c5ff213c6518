// Embedding in a news page: the example Italian article (another origin) with two iframes,
// height messages and listeners, the theme message, URL state and parameters.
import { test, expect } from '@playwright/test';
import { hostPage } from './playwright.config.mjs';
import { CLASS, WidgetPage } from './widget-page.mjs';

/** The iframe's height and its document's content height, in px. */
async function heights(page, id) {
  const frame = page.frameLocator(`#${id}`);
  await expect(new WidgetPage(frame).title().first()).toBeVisible();
  const outer = await page.locator(`#${id}`).evaluate((f) => f.getBoundingClientRect().height);
  const inner = await frame.locator('body').evaluate((b) => b.getBoundingClientRect().height);
  return { outer, inner };
}

async function expectFitted(page, id) {
  await expect
    .poll(async () => {
      const { outer, inner } = await heights(page, id);
      return Math.abs(outer - inner);
    }, { message: `${id} fits its content`, timeout: 5000 })
    .toBeLessThanOrEqual(2);
}

test('the widget listener sizes each iframe to its content, also after the host narrows', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(hostPage);
  await page.locator('#oms-1').scrollIntoViewIfNeeded();
  await expectFitted(page, 'oms-1');
  await page.locator('#oms-2').scrollIntoViewIfNeeded();
  await expectFitted(page, 'oms-2');
  const wide = (await heights(page, 'oms-1')).outer;
  // Two iframes, two heights: each follows its own content (chart vs table).
  expect(Math.abs(wide - (await heights(page, 'oms-2')).outer)).toBeGreaterThan(10);
  await page.setViewportSize({ width: 360, height: 800 });
  await expectFitted(page, 'oms-1');
  await expectFitted(page, 'oms-2');
  expect((await heights(page, 'oms-1')).outer).toBeGreaterThan(wide);
});

test('a Datawrapper-style listener sizes the iframes with no change', async ({ page }) => {
  // Replace the widget's listener by one that only knows Datawrapper's message.
  await page.route('**/embed.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `addEventListener('message', function (e) {
        var d = e.data && e.data['datawrapper-height'];
        if (!d) return;
        for (var id in d) {
          var f = document.querySelectorAll('iframe');
          for (var i = 0; i < f.length; i++) if (f[i].contentWindow === e.source) f[i].style.height = d[id] + 'px';
        }
      });`,
    }),
  );
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(hostPage);
  await page.locator('#oms-1').scrollIntoViewIfNeeded();
  await expectFitted(page, 'oms-1');
  await page.setViewportSize({ width: 360, height: 800 });
  await expectFitted(page, 'oms-1');
});

test('the messages: own, Datawrapper, AMP, and pym only with a childId', async ({ page }) => {
  await page.addInitScript(() => {
    window.__messages = [];
    addEventListener('message', (e) => {
      const from = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
      window.__messages.push({ from: from && from.id, data: e.data });
    });
  });
  await page.goto(hostPage);
  await page.locator('#oms-2').scrollIntoViewIfNeeded();
  await expectFitted(page, 'oms-2');
  const messages = await page.evaluate(() => window.__messages);
  const of = (id) => messages.filter((m) => m.from === id).map((m) => m.data);
  const one = of('oms-1');
  const own = one.find((d) => d && d.type === 'open-model-share:height');
  expect(own).toMatchObject({ version: 1, id: 'oms-1' });
  expect(Number.isInteger(own.height)).toBe(true);
  expect(one.find((d) => d && d['datawrapper-height'])['datawrapper-height']['oms-1']).toBe(own.height);
  expect(one.find((d) => d && d.sentinel === 'amp')).toMatchObject({ type: 'embed-size', height: own.height });
  expect(one.some((d) => typeof d === 'string')).toBe(false);
  const pym = of('oms-2').filter((d) => typeof d === 'string');
  expect(pym.length).toBeGreaterThan(0);
  expect(pym[pym.length - 1]).toMatch(/^pymxPYMxoms-pymxPYMxheightxPYMx\d+$/);
});

test('the host switches the theme; malformed messages are ignored', async ({ page }) => {
  await page.goto(hostPage);
  const frame = page.frameLocator('#oms-1');
  await expect(new WidgetPage(frame).title()).toBeVisible();
  const theme = () => frame.locator('html').getAttribute('data-theme');
  const bg = () => frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
  expect(await theme()).toBe('auto');
  expect(await bg()).toBe('rgb(255, 255, 255)');
  const post = (msg) =>
    page.evaluate((m) => document.getElementById('oms-1').contentWindow.postMessage(m, '*'), msg);
  for (const bad of [
    { type: 'open-model-share:set-theme', version: 2, theme: 'dark' },
    { type: 'open-model-share:set-theme', version: 1, theme: 'pink' },
    { type: 'open-model-share:set-theme', version: '1', theme: 'dark' },
    { type: 'other', version: 1, theme: 'dark' },
    'open-model-share:set-theme dark',
    null,
  ]) {
    await post(bad);
  }
  await page.waitForTimeout(100);
  expect(await theme()).toBe('auto');
  await post({ type: 'open-model-share:set-theme', version: 1, theme: 'dark' });
  await expect.poll(theme).toBe('dark');
  expect(await bg()).toBe('rgb(21, 23, 26)');
  await post({ type: 'open-model-share:set-theme', version: 1, theme: 'light' });
  await expect.poll(theme).toBe('light');
});

test('a message from the widget page itself, not its parent, is ignored', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.chart()).toBeVisible();
  await page.evaluate(() => window.postMessage({ type: 'open-model-share:set-theme', version: 1, theme: 'dark' }, '*'));
  await page.waitForTimeout(100);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'auto');
});

test('URL parameters set the start; the reader state is written back', async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && m.text().startsWith('open-model-share') && warnings.push(m.text()));
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en&theme=dark&view=table&metric=atom-cumulative-downloads&hide=us');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(widget.tableRows()).toHaveCount(1);
  await expect(widget.tableRowHeaders()).toHaveText(['China']);
  await widget.viewButton('Chart').click();
  await expect.poll(() => page.evaluate(() => location.search)).toBe('?lang=en&theme=dark&metric=atom-cumulative-downloads&hide=us');
  await widget.legendItem('us').click();
  await widget.viewButton('Sources & method').click();
  await expect.poll(() => page.evaluate(() => location.search)).toBe('?lang=en&theme=dark&view=sources&metric=atom-cumulative-downloads');
  // A copied link reopens the same state.
  await page.reload();
  await expect(widget.sourcesPanel()).toBeVisible();
  await expect(widget.measureSelect()).toHaveValue(String(1));
  expect(warnings).toEqual([]);
  // Invalid values fall back to the defaults, with a warning.
  await widget.goto('?lang=en&theme=sepia&view=map&metric=nope&hide=martians');
  await expect(widget.chart()).toBeVisible();
  await expect(widget.title()).toHaveText('China leads by 1.3 percentage points');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'auto');
  for (const word of ['theme', 'view', 'nope', 'martians']) expect(warnings.join('\n')).toContain(word);
});

test('plain=1 hides the title and footer chrome, not the figures', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en&plain=1');
  await expect(widget.chart()).toBeVisible();
  // Kept for screen readers, out of sight (the boot script marks the page before its first paint).
  await expect(widget.title()).toHaveCSS('clip', 'rect(0px, 0px, 0px, 0px)');
  await expect(widget.title()).toHaveCSS('position', 'absolute');
  await expect(widget.footer()).toBeHidden();
  await expect(widget.barValues().first()).toBeVisible();
});

test('the embed dialog: the code for the current state, copied, works pasted into a blank page', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const widget = new WidgetPage(page);
  await widget.goto('?lang=it&theme=dark');
  await expect(widget.chart()).toBeVisible();
  await widget.measureSelect().selectOption('1');
  await widget.viewButton('Tabella').click();
  const opener = widget.embedButton();
  await opener.click();
  const dialog = widget.embedDialog();
  await expect(dialog).toBeVisible();
  await expect(widget.embedDialogHeading()).toHaveText('Incorpora questo grafico');
  const code = await widget.embedCode().inputValue();
  const base = new URL('./', page.url()).href;
  // The prerendered page of the language, measure and view: right from its first paint.
  expect(code).toContain(`<iframe src="${base}it/atom-cumulative-downloads/table.html?theme=dark"`);
  expect(code).toContain('title="Download di modelli aperti: Cina e Stati Uniti"');
  expect(code).toContain('style="width:100%;border:0"');
  expect(code).toContain('loading="lazy"');
  expect(code).toContain('sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-downloads"');
  expect(code).toContain(`<script src="${base}embed.js" async></script>`);
  // The default height is the widget's height at 640 px.
  const height = Number(code.match(/height="(\d+)"/)[1]);
  const at640 = await browser.newPage({ viewport: { width: 640, height: 900 } });
  const widget640 = new WidgetPage(at640);
  await widget640.goto('?lang=it&theme=dark&view=table&metric=atom-cumulative-downloads');
  await expect(widget640.table()).toBeVisible();
  const real = await widget640.main().evaluate((m) => Math.ceil(m.getBoundingClientRect().height));
  expect(Math.abs(height - real)).toBeLessThanOrEqual(2);
  await at640.close();

  await widget.embedDialogButton('Copia il codice').click();
  await expect(widget.embedStatus()).toHaveText('Copiato.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(code);
  // Escape closes the dialog and focus returns to its opener.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('embed');

  // Pasted into a blank page, the snippet makes a working, self-sizing embed.
  const blank = await context.newPage();
  await blank.setContent(`<!doctype html><html><body style="margin:0"><p>Articolo</p>${copied}</body></html>`);
  const frame = blank.frameLocator('iframe');
  await expect(new WidgetPage(frame).table()).toBeVisible();
  await expect
    .poll(async () => {
      const outer = await blank.locator('iframe').evaluate((f) => f.getBoundingClientRect().height);
      const inner = await frame.locator('body').evaluate((b) => b.getBoundingClientRect().height);
      return Math.abs(outer - inner);
    })
    .toBeLessThanOrEqual(2);
  await context.close();
});

test('data: the same origin is used; another origin is refused with no request made', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  // Same origin, relative to the page: fetched and shown.
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en&data=data/snapshot.json');
  await expect(widget.barValues().first()).toHaveText('17.1\u202f%');
  // Another origin (the host page's server), not on the build-time allowlist: refused.
  // Another origin than the page's and the allowlist's (the test build allows the host page's).
  const foreign = hostPage.replace('127.0.0.1', 'localhost').replace('article-it.html', 'fake.json');
  await widget.goto(`?lang=it&data=${encodeURIComponent(foreign)}`);
  const alert = widget.errorAlert();
  await expect(alert).toContainText(`I dati da ${new URL(foreign).origin} non vengono mostrati`);
  await expect(widget.chart()).toHaveCount(0);
  expect(requests.filter((u) => u.startsWith(new URL(foreign).origin))).toEqual([]);
  // Nor is a script address turned into a request.
  await widget.goto(`?lang=en&data=${encodeURIComponent('javascript:alert(1)')}`);
  await expect(widget.errorAlert()).toContainText('is not shown');
});
