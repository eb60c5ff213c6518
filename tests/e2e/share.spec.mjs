// Sharing: every prerendered page names its share card (og:image, twitter:image, with alt text)
// and advertises its oEmbed document; the card is a 1200 x 630 PNG; the oEmbed document carries
// the embed code of the same page and the card as thumbnail; the chart downloads as PNG and SVG
// from the first view and from the widget.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const snapshot = JSON.parse(readFileSync(resolve(here, '../../public/data/snapshot.json'), 'utf8'));
const LANGS = ['it', 'en', 'zh'];
const VIEWS = ['chart', 'table', 'sources'];
const METRICS = snapshot.metrics.map((m) => m.id);

/** The `content` of the meta tag `key`="`name`" in `html`, or the `href` of a link. */
const meta = (html, key, name) => {
  const tag = html.match(new RegExp(`<meta ${key}="${name}" content="([^"]*)">`));
  return tag?.[1];
};
const unescape = (s) =>
  s.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** Width and height from a PNG's header. */
const pngSize = (bytes) => {
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
};

test('every page names its share card and its oEmbed document, and both resolve', async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const cards = new Map();
  for (const lang of LANGS) {
    for (const metric of METRICS) {
      for (const view of VIEWS) {
        const pageUrl = new URL(`${lang}/${metric}/${view}.html`, baseURL);
        const html = await (await request.get(pageUrl.href)).text();
        const where = `${lang}/${metric}/${view}`;
        expect(meta(html, 'name', 'twitter:card'), where).toBe('summary_large_image');
        const image = new URL(unescape(meta(html, 'property', 'og:image')), pageUrl).href;
        expect(new URL(unescape(meta(html, 'name', 'twitter:image')), pageUrl).href, where).toBe(image);
        expect(image, where).toContain(`/${lang}/${metric}/open-model-share-${metric}-${lang}.png`);
        expect(meta(html, 'property', 'og:image:width')).toBe('1200');
        expect(meta(html, 'property', 'og:image:height')).toBe('630');
        const alt = unescape(meta(html, 'property', 'og:image:alt'));
        expect(alt.length, where).toBeGreaterThan(40);
        expect(unescape(meta(html, 'name', 'twitter:image:alt'))).toBe(alt);
        // The description of the card is the page's own generated summary.
        expect(unescape(meta(html, 'name', 'description'))).toBe(alt);
        if (!cards.has(image)) {
          const res = await request.get(image);
          expect(res.status(), image).toBe(200);
          expect(res.headers()['content-type']).toBe('image/png');
          const bytes = await res.body();
          expect(pngSize(bytes), image).toEqual([1200, 630]);
          cards.set(image, bytes.length);
        }

        const link = html.match(/<link rel="alternate" type="application\/json\+oembed" href="([^"]*)" title="([^"]*)">/);
        expect(link, where).not.toBeNull();
        const oembedUrl = new URL(unescape(link[1]), pageUrl);
        const res = await request.get(oembedUrl.href);
        expect(res.status(), oembedUrl.href).toBe(200);
        const doc = await res.json();
        expect(doc).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'Open Model Share', width: 640 });
        expect(doc.height).toBeGreaterThanOrEqual(480);
        expect(doc.title).toBe(unescape(link[2]));
        expect(new URL(doc.thumbnail_url, oembedUrl).href).toBe(image);
        expect([doc.thumbnail_width, doc.thumbnail_height]).toEqual([1200, 630]);
        // The embed code: this page, in an iframe as tall as the document says, and the listener.
        const src = doc.html.match(/<iframe src="([^"]*)"/)[1];
        const framed = new URL(unescape(src), oembedUrl);
        expect(framed.pathname).toBe(pageUrl.pathname);
        expect(framed.search).toBe('?theme=auto');
        expect(doc.html).toContain(`height="${doc.height}"`);
        const listener = new URL(unescape(doc.html.match(/<script src="([^"]*)"/)[1]), oembedUrl);
        expect((await request.get(listener.href)).status()).toBe(200);
      }
    }
  }
  // One card per language and measure, each its own image.
  expect(cards.size).toBe(LANGS.length * METRICS.length);
});

test('the chart downloads as PNG and SVG from the first view and from the widget', async ({ page, request }) => {
  const metric = snapshot.headline_metric;
  const check = async (where) => {
    const links = page.locator('.oms-footer a[href$=".png"], .oms-footer a[href$=".svg"]');
    await expect(links, where).toHaveCount(2);
    for (const [ext, type] of [['png', 'image/png'], ['svg', 'image/svg+xml']]) {
      const a = page.locator(`.oms-footer a[href$=".${ext}"]`);
      await expect(a, where).toHaveAttribute('download', `open-model-share-${metric}-it.${ext}`);
      const href = await a.evaluate((el) => el.href);
      const res = await request.get(href);
      expect(res.status(), `${where}: ${href}`).toBe(200);
      expect(res.headers()['content-type']).toBe(type);
      if (ext === 'svg') {
        const svg = await res.text();
        expect(svg).toContain('width="1200" height="630"');
        expect(svg).toContain('Cina in testa');
      }
    }
    // A click downloads the file the build wrote (the widget does not intercept it).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.oms-footer a[href$=".png"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`open-model-share-${metric}-it.png`);
  };
  // The first view, before the widget starts.
  await page.route('**/*_bg.wasm', (route) => route.abort());
  await page.goto(`./it/${metric}/chart.html`);
  await check('prerendered page');
  await page.unroute('**/*_bg.wasm');
  // The widget on index.html.
  await page.goto('./?lang=it');
  await page.locator('.oms-explorer .oms-footer a[href$=".png"]').waitFor();
  await check('widget');
});

test('another snapshot (data=) is not offered the build\'s chart images', async ({ page }) => {
  await page.goto('./?lang=en&data=data/snapshot.json');
  await page.locator('.oms-explorer .oms-footer a[data-format="csv"]').waitFor();
  await expect(page.locator('.oms-footer a[data-format="json"]')).toHaveCount(1);
  await expect(page.locator('.oms-footer a[href$=".png"], .oms-footer a[href$=".svg"]')).toHaveCount(0);
});
