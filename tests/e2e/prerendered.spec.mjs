// The first paint without WebAssembly: a prerendered page per language, measure and view shows the
// complete first view with no script; the widget takes over the same <main> without a visible
// change; the page works before the widget starts and if it never does.
import { test, expect } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations } from './axe.mjs';
import { WidgetPage, SEL } from './widget-page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const snapshot = JSON.parse(readFileSync(resolve(here, '../../public/data/snapshot.json'), 'utf8'));
const LANGS = ['it', 'en', 'zh'];
const VIEWS = ['chart', 'table', 'sources'];
const HEADLINE = snapshot.headline_metric;
const page_ = (lang, metric = HEADLINE, view = 'chart') => `./${lang}/${metric}/${view}.html`;
const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'";

/** Holds the widget's wasm until `release()`: the page shows only what was prerendered. */
async function holdWidget(page) {
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/*_bg.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  return () => release();
}

const interactive = (page) =>
  page.waitForFunction(() => performance.getEntriesByName('open-model-share:interactive').length > 0, null, {
    timeout: 15_000,
  });

/**
 * The widget's <main> as text and chart geometry, in document order: each element with its
 * attributes (but the native tooltips the widget replaces with its own), each text.
 */
const describeMain = () => {
  const out = [];
  const walk = (node, depth) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const t = child.textContent;
        if (t.trim()) out.push(`${depth} "${t}"`);
      } else if (child.nodeType === Node.ELEMENT_NODE && child.localName !== 'title') {
        const attrs = [...child.attributes]
          .filter((a) => a.name !== 'title' && a.name !== 'style')
          .map((a) => `${a.name}=${a.value}`)
          .sort();
        out.push(`${depth} <${child.localName} ${attrs.join(' ')}>`);
        walk(child, depth + 1);
      }
    }
  };
  walk(document.querySelector('main.oms'), 0);
  return out;
};

test('every page holds its complete first view, localized, without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const widget = new WidgetPage(page);
  for (const lang of LANGS) {
    for (const m of snapshot.metrics) {
      for (const view of VIEWS) {
        await page.goto(page_(lang, m.id, view));
        const html = page.locator('html');
        await expect(html).toHaveAttribute('lang', lang === 'zh' ? 'zh-Hans' : lang);
        await expect(widget.subtitle()).toContainText(m.label[lang] ?? m.label.en);
        const title = (await widget.title().textContent()) ?? '';
        expect(title.length, `${lang} ${m.id} ${view}`).toBeGreaterThan(3);
        expect(await page.title()).toContain(title);
        expect(await page.locator('meta[name="description"]').getAttribute('content')).toContain(title);
        await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', title);
        await expect(widget.sourceLine()).toBeVisible();
        await expect(widget.asOfTime()).toHaveAttribute('datetime', snapshot.data_as_of);
        if (view === 'chart') {
          await expect(widget.chart()).toBeVisible();
          // Every mark says its value in text, for the reader's pointer (a native tooltip).
          const marks = widget.marks();
          const n = await marks.count();
          expect(n).toBeGreaterThan(0);
          for (let i = 0; i < n; i++) {
            const mark = marks.nth(i);
            const said = (await mark.getAttribute('title')) ?? (await mark.locator('title').textContent());
            expect(said).toBe(await mark.getAttribute('aria-label'));
          }
          // Before the widget starts, a pointer over a point meets the point itself (the cover
          // over the plot answers only once the widget runs).
          const unreached = await page.evaluate((hit) =>
            [...document.querySelectorAll(hit)].filter((c) => {
              const r = c.getBoundingClientRect();
              return !document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('.oms-mark')?.contains(c);
            }).length, SEL.pointHit);
          expect(unreached, `${lang} ${m.id}: points under the pointer`).toBe(0);
          await expect(page.locator(SEL.definition)).toHaveCount(1);
        }
        if (view === 'table') await expect(widget.tableRows().first()).toBeVisible();
        if (view === 'sources') await expect(widget.sourcesPanel()).toBeVisible();
      }
    }
  }
  // Without JavaScript a reader downloads the pages and the stylesheet: no script, no wasm.
  expect(requests.filter((p) => /\.(js|wasm)$/.test(p))).toEqual([]);
  // The links to every view and measure replace the controls that need the widget.
  await page.goto(page_('it'));
  await page.getByRole('navigation', { name: 'Viste e misure' }).getByRole('link', { name: 'Tabella' }).click();
  await expect(page).toHaveURL(/\/it\/hf-download-share-by-developer-country\/table\.html$/);
  await context.close();
});

test('the takeover changes neither the text nor the chart, in every language and measure', async ({ page }) => {
  await page.addInitScript(`document.addEventListener('DOMContentLoaded', () => { window.__static = (${describeMain})(); });`);
  for (const lang of LANGS) {
    for (const m of snapshot.metrics) {
      await page.goto(page_(lang, m.id));
      await interactive(page);
      const before = await page.evaluate(() => window.__static);
      const after = await page.evaluate(describeMain);
      expect(after, `${lang} ${m.id}`).toEqual(before);
    }
  }
});

/**
 * `true` when the two PNG screenshots show the same picture: no pixel differs by more than the
 * rasterizer's own noise on antialiased edges (a few levels of one channel).
 */
async function samePixels(page, a, b) {
  return page.evaluate(async ([x, y]) => {
    const pixels = async (b64) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const g = canvas.getContext('2d');
      g.drawImage(bitmap, 0, 0);
      return g.getImageData(0, 0, bitmap.width, bitmap.height).data;
    };
    const [p, q] = [await pixels(x), await pixels(y)];
    if (p.length !== q.length) return false;
    for (let i = 0; i < p.length; i++) if (Math.abs(p[i] - q[i]) > 8) return false;
    return true;
  }, [a.toString('base64'), b.toString('base64')]);
}

test('screenshots before and after the takeover match, 320 to 1280 px, light and dark, it/en/zh', async ({ browser }) => {
  test.setTimeout(120_000);
  mkdirSync(resolve(here, 'artifacts/screenshots'), { recursive: true });
  for (const width of [320, 768, 1280]) {
    for (const colorScheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
      const page = await context.newPage();
      for (const lang of LANGS) {
        const release = await holdWidget(page);
        await page.goto(page_(lang));
        await page.waitForLoadState('load');
        // The listen control comes with the app (it needs script; its room is kept, so nothing
        // moves): everything else must match, pixel for pixel.
        const style = '.oms-listen { visibility: hidden !important; }';
        const before = await page.screenshot({ fullPage: true, style });
        release();
        await interactive(page);
        const after = await page.screenshot({ fullPage: true, style });
        const name = `takeover-${width}-${colorScheme}-${lang}`;
        await writeFile(resolve(here, `artifacts/screenshots/${name}-before.png`), before);
        await writeFile(resolve(here, `artifacts/screenshots/${name}-after.png`), after);
        expect(await samePixels(page, before, after), `${width} ${colorScheme} ${lang}`).toBe(true);
        await page.unrouteAll();
      }
      await context.close();
    }
  }
});

test('a reader who tabbed in, opened the definition and scrolled keeps their place', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 420 } });
  const page = await context.newPage();
  const release = await holdWidget(page);
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(page_('en'));
  await page.locator(`${SEL.definition} summary`).click();
  // From the title, through the measure and the three view buttons, to the first bar of the chart.
  await new WidgetPage(page).title().click();
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-focus'));
  expect(await focused()).toBe('mark-0');
  await page.evaluate(() => window.scrollTo(0, 240));
  const scrolled = await page.evaluate(() => window.scrollY);
  release();
  await interactive(page);
  expect(await focused()).toBe('mark-0');
  expect(await page.evaluate(() => document.querySelector('main.oms').contains(document.activeElement))).toBe(true);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  await expect(page.locator(SEL.definition)).toHaveAttribute('open', '');
  expect((await page.evaluate(() => window.__shifts)).reduce((a, b) => a + b, 0)).toBeLessThan(0.001);
  // The widget answers: the focused bar's tooltip opens with the next key.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('tooltip')).toContainText('United States');
  await context.close();
});

test('theme=dark on a light system paints dark from the first paint, under a strict CSP', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  await page.route(/\.html(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
    // At the first frame (after the render-blocking stylesheet, which DOMContentLoaded may
    // come before on a busy machine).
    document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => {
      window.__first = getComputedStyle(document.body).backgroundColor;
    }));
  });
  const release = await holdWidget(page);
  await page.goto(`${page_('it')}?theme=dark`);
  const dark = await (await page.waitForFunction(() => window.__first)).jsonValue();
  expect(dark, 'an opaque background from the first frame').toMatch(/^rgb\(/);
  const [r, g, b] = dark.match(/\d+/g).map(Number);
  expect(r + g + b, `the body starts dark: ${dark}`).toBeLessThan(150);
  release();
  await interactive(page);
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(dark);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  await context.close();
});

test('before the widget starts, the page already works: views, measures, downloads', async ({ page }) => {
  await holdWidget(page);
  await page.goto(page_('en'));
  const widget = new WidgetPage(page);
  const download = page.waitForEvent('download');
  await widget.downloadButton('csv').click();
  expect((await download).suggestedFilename()).toBe(`open-model-share-${HEADLINE}.csv`);
  await widget.viewButton('Table').click();
  await expect(page).toHaveURL(/\/en\/hf-download-share-by-developer-country\/table\.html$/);
  await expect(widget.tableRows()).toHaveCount(3);
  await widget.measureSelect().selectOption({ index: 1 });
  await expect(page).toHaveURL(/\/en\/atom-cumulative-downloads\/table\.html$/);
});

test('when the wasm fails, the prerendered view stays, complete', async ({ page }) => {
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.route('**/*_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(page_('zh'));
  await page.mouse.move(10, 10);
  await expect.poll(() => errors.join('\n')).toContain('open-model-share: the widget could not start');
  const widget = new WidgetPage(page);
  await expect(widget.chart()).toBeVisible();
  await expect(widget.barValues()).toHaveText(['17.1%', '15.8%', '67.1%']);
  await expect(widget.sourceLine()).toBeVisible();
});

test('when loading fails and the widget has only a saved copy, the page stays and keeps working', async ({ page }) => {
  await page.goto(page_('en'));
  await interactive(page); // the widget kept this snapshot as the last good copy
  const widget = new WidgetPage(page);
  const values = await widget.barValues().allTextContents();
  let requests = 0;
  await page.route('**/data/snapshot.json*', (route) => {
    requests += 1;
    return route.fulfill({ status: 500, body: 'down' });
  });
  await page.reload();
  await page.mouse.move(10, 10); // the reader's first intent starts the widget
  // The first request and the three retries fail; the widget then has only the saved copy.
  await expect.poll(() => requests, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
  await page.waitForTimeout(1000);
  await expect(widget.staleNotice()).toHaveCount(0);
  await expect(widget.barValues()).toHaveText(values);
  expect(await page.evaluate(() => document.documentElement.hasAttribute('data-oms-live'))).toBe(false);
  expect(await page.evaluate(() => performance.getEntriesByName('open-model-share:interactive').length)).toBe(0);
  await widget.viewButton('Table').click();
  await expect(page).toHaveURL(/\/en\/hf-download-share-by-developer-country\/table\.html$/);
});

test('a prerendered page asked for another snapshot leaves it to index.html', async ({ page }) => {
  await page.goto(`${page_('it', 'atom-cumulative-downloads', 'table')}?data=data/snapshot.json&id=x`);
  await expect(page).toHaveURL(/\/widgets\/oms\/index\.html\?data=data%2Fsnapshot\.json&id=x&lang=it&metric=atom-cumulative-downloads&view=table$/);
  await expect(new WidgetPage(page).tableRows()).toHaveCount(2);
});

test('the reader\'s view and measure go into the page address', async ({ page }) => {
  await page.goto(`${page_('en')}?theme=light&hide=us`);
  await interactive(page);
  const widget = new WidgetPage(page);
  await widget.viewButton('Table').click();
  await expect(page).toHaveURL(/\/en\/hf-download-share-by-developer-country\/table\.html\?theme=light&hide=us$/);
  await widget.measureSelect().selectOption({ index: 1 });
  await expect(page).toHaveURL(/\/en\/atom-cumulative-downloads\/table\.html\?theme=light&hide=us$/);
  // The address reopens the same state: the page of the measure and view from its first paint,
  // the hidden series once the widget has taken over.
  await page.reload();
  await expect(widget.title()).toContainText('leads');
  await interactive(page);
  await expect(widget.tableRows()).toHaveCount(1);
});

for (const lang of LANGS) {
  test(`axe finds no violations before and after the takeover (${lang})`, async ({ page }) => {
    for (const view of VIEWS) {
      for (const colorScheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme });
        const release = await holdWidget(page);
        await page.goto(page_(lang, HEADLINE, view));
        expect(await axeViolations(page), `${view} ${colorScheme} before`).toEqual([]);
        release();
        await interactive(page);
        expect(await axeViolations(page), `${view} ${colorScheme} after`).toEqual([]);
        await page.unrouteAll();
      }
    }
  });
}
