// The data editor's annotations (snapshot format 1.2): on the chart, in the first view without
// the wasm and after the takeover; read after the headline; listed in the table and sources views
// with their source; on a timeline, drawn only where they cover no point, value label or other
// note, inside the plot, and the table says at which widths a note is not drawn; axe-clean.
// The bars carry the bundled snapshot's notes (the FT's "first time", ATOM's crossover); the
// timeline is the computed fixture (synthetic test data) with a band, a line and two points.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations } from './axe.mjs';
import { chartTextProblems } from './layout.mjs';
import { WidgetPage } from './widget-page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const shots = resolve(here, 'artifacts/screenshots');
const bundled = JSON.parse(readFileSync(resolve(here, '../../public/data/snapshot.json'), 'utf8'));
const fixture = JSON.parse(readFileSync(resolve(here, '../fixtures/valid-computed.json'), 'utf8'));
const HEADLINE = bundled.headline_metric;
const COMPUTED = 'computed-download-share-by-country-group';
const ft = bundled.annotations.find((a) => a.id === 'ft-first-time-china-led');
const LANGS = ['it', 'en', 'zh'];

/** The computed fixture with a note of each kind on its country groups. */
const annotated = {
  ...fixture,
  annotations: [
    ...fixture.annotations,
    {
      id: 'window', metric: COMPUTED, band: { start: '2024-08', end: '2025-08' }, source: 'study',
      text: { en: "The study's window", it: 'La finestra dello studio', zh: '研究的时间窗口' },
    },
    {
      id: 'level', metric: COMPUTED, line: { value: 20 },
      text: { en: '20 % of all downloads', it: 'Il 20 % dei download', zh: '全部下载量的 20%' },
    },
    {
      id: 'last', metric: COMPUTED, point: { series: 'china', date: '2025-08' }, source: 'ft-2025-11-26',
      text: { en: 'The last month of the study', it: "L'ultimo mese dello studio", zh: '研究的最后一个月' },
    },
    {
      id: 'first', metric: COMPUTED, point: { series: 'us', date: '2024-01' },
      text: { en: 'The first month computed', it: 'Il primo mese calcolato', zh: '计算的第一个月' },
    },
  ],
};
const timelineNotes = annotated.annotations.filter((a) => a.metric === COMPUTED);

async function serveAnnotated(page) {
  await page.route('**/data/snapshot.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(annotated) }),
  );
}

const interactive = (page) =>
  page.waitForFunction(() => performance.getEntriesByName('open-model-share:interactive').length > 0, null, {
    timeout: 15_000,
  });

/** Where the bar note sits against the bars of China and the US, and what is read after the h1. */
function barNoteGeometry(page) {
  return page.evaluate(() => {
    const box = (el) => el?.getBoundingClientRect();
    const note = document.querySelector('.oms-bar__note');
    const bar = (key) => box(document.querySelector(`.oms-bar[data-key="${key}"] .oms-bar__bar`));
    const read = document.querySelector('h1.oms-title + #oms-annotations');
    return {
      count: document.querySelectorAll('.oms-bar__note').length,
      text: note?.textContent,
      note: box(note) && { top: box(note).top, bottom: box(note).bottom },
      china: bar('china') && { bottom: bar('china').bottom },
      us: bar('us') && { top: bar('us').top },
      read: read?.textContent ?? null,
      hidden: note?.getAttribute('aria-hidden'),
    };
  });
}

for (const lang of LANGS) {
  test(`a note on a bar, in the first view and after the takeover (${lang})`, async ({ page }) => {
    // The prerendered page without the wasm: the note is there before any script.
    await page.route('**/*_bg.wasm', (route) => route.abort());
    await page.goto(`./${lang}/${HEADLINE}/chart.html`);
    const before = await barNoteGeometry(page);
    expect(before.count).toBe(1);
    expect(before.text).toBe(ft.text[lang]);
    expect(before.note.top).toBeGreaterThanOrEqual(before.china.bottom);
    expect(before.note.bottom).toBeLessThanOrEqual(before.us.top);
    // Read once, after the headline (the note on the chart is hidden from screen readers).
    expect(before.read).toContain(ft.text[lang]);
    expect(before.hidden).toBe('true');
    await page.unroute('**/*_bg.wasm');

    await page.goto(`./?lang=${lang}`);
    await interactive(page);
    expect(await barNoteGeometry(page)).toEqual(before);
  });
}

test('the table and sources views list each note with its source', async ({ page }) => {
  const widget = new WidgetPage(page);
  for (const view of ['table', 'sources']) {
    await widget.goto(`?lang=en&view=${view}`);
    const list = page.locator('.oms-annotations');
    await expect(list.getByRole('heading', { name: 'Notes on the chart' })).toBeVisible();
    const item = list.locator(`li[data-annotation="${ft.id}"]`);
    await expect(item).toContainText(ft.text.en);
    await expect(item).toContainText('(China, Aug\u00a02024\u00a0– Aug\u00a02025)');
    await expect(item.getByRole('link', { name: 'Financial Times' })).toHaveAttribute('href', /ft\.com/);
    // A bar's note is always drawn: nothing is missing.
    await expect(item.locator('.oms-note-missing')).toHaveCount(0);
  }
  // The ATOM note is on its own measure only.
  await widget.goto('?lang=it&view=sources&metric=atom-cumulative-downloads');
  await expect(page.locator('.oms-annotations li')).toHaveCount(1);
  await expect(page.locator('.oms-annotations li')).toContainText('estate 2025');
});

/** The visible notes of a timeline and what they must not cover, as rectangles. */
function timelineGeometry(page) {
  return page.evaluate(() => {
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).display !== 'none';
    };
    const rect = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const notes = [...document.querySelectorAll('.oms-annotation')]
      .filter((g) => getComputedStyle(g).display !== 'none')
      .map((g) => {
        const texts = [...g.querySelectorAll('text')].filter(visible).map(rect);
        return {
          id: g.getAttribute('data-annotation'),
          box: {
            left: Math.min(...texts.map((t) => t.left)),
            top: Math.min(...texts.map((t) => t.top)),
            right: Math.max(...texts.map((t) => t.right)),
            bottom: Math.max(...texts.map((t) => t.bottom)),
          },
        };
      });
    // A point is a line of no length drawing its marker: the marker's shape is around it.
    const marker = (p) => {
      const at = p.getBoundingClientRect();
      const shape = document.querySelector(`${p.getAttribute('marker-start').slice(4, -1)} path`).getBBox();
      return { left: at.left + shape.x, top: at.top + shape.y, right: at.left + shape.x + shape.width, bottom: at.top + shape.y + shape.height };
    };
    const points = [...document.querySelectorAll('.oms-plot .oms-point:not(.oms-point--muted)')]
      .filter((p) => getComputedStyle(p).display !== 'none')
      .map(marker);
    const labels = [...document.querySelectorAll('.oms-point__value')].filter(visible).map(rect);
    const bands = [...document.querySelectorAll('.oms-band')].filter((b) => getComputedStyle(b).display !== 'none').length;
    return { notes, points, labels, bands, plot: rect(document.querySelector('.oms-plot')) };
  });
}

const overlaps = (a, b) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;

for (const width of [320, 768, 1280]) {
  test(`notes on a timeline cover nothing at ${width} px, and the table says which are not drawn`, async ({ page }) => {
    await serveAnnotated(page);
    await page.setViewportSize({ width, height: 900 });
    const widget = new WidgetPage(page);
    for (const lang of LANGS) {
      await widget.goto(`?lang=${lang}&metric=${COMPUTED}`);
      await interactive(page);
      const g = await timelineGeometry(page);
      const what = `${lang} at ${width} px`;
      expect(g.points.length, `${what}: emphasized points`).toBeGreaterThan(0);
      for (const p of g.points) expect(p.right - p.left, `${what}: a point's marker has its size`).toBeGreaterThan(4);
      for (const n of g.notes) {
        expect(n.box.left, `${what}: ${n.id} inside the plot`).toBeGreaterThanOrEqual(g.plot.left - 1);
        expect(n.box.right, `${what}: ${n.id} inside the plot`).toBeLessThanOrEqual(g.plot.right + 1);
        for (const p of [...g.points, ...g.labels]) expect(overlaps(n.box, p), `${what}: ${n.id} covers a mark`).toBe(false);
        for (const o of g.notes.filter((o) => o.id !== n.id)) expect(overlaps(n.box, o.box), `${what}: ${n.id} / ${o.id}`).toBe(false);
      }
      expect(await chartTextProblems(page), what).toEqual([]);
      const drawn = new Set(g.notes.map((n) => n.id));
      expect(g.bands, `${what}: the band is drawn with its note`).toBe(drawn.has('window') ? 1 : 0);
      if (width >= 768) expect(drawn.size, what).toBeGreaterThanOrEqual(2);

      // The table lists every note; one not drawn at this width says so, and only then.
      await widget.goto(`?lang=${lang}&view=table&metric=${COMPUTED}`);
      for (const a of timelineNotes) {
        const item = page.locator(`.oms-annotations li[data-annotation="${a.id}"]`);
        await expect(item).toContainText(a.text[lang]);
        const missing = item.locator('.oms-note-missing');
        if (drawn.has(a.id)) await expect(missing).toBeHidden();
        else await expect(missing).toBeVisible();
      }
    }
  });
}

test('a note on a hidden series is not drawn, and the table says why', async ({ page }) => {
  await serveAnnotated(page);
  const widget = new WidgetPage(page);
  await widget.goto(`?lang=en&metric=${COMPUTED}&hide=china`);
  await interactive(page);
  await expect(page.locator('.oms-annotation[data-annotation="last"]')).toHaveCount(0);
  await widget.goto(`?lang=en&view=table&metric=${COMPUTED}&hide=china`);
  await expect(page.locator('li[data-annotation="last"] .oms-note-missing')).toHaveText('(not drawn: its series is hidden)');
});

for (const scheme of ['light', 'dark']) {
  test(`axe: no violations with notes on bars and on a timeline (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await serveAnnotated(page);
    const widget = new WidgetPage(page);
    for (const [metric, lang] of [[HEADLINE, 'it'], [COMPUTED, 'en'], [COMPUTED, 'zh']]) {
      for (const view of ['chart', 'table', 'sources']) {
        await widget.goto(`?lang=${lang}&view=${view}&metric=${metric}`);
        await interactive(page);
        expect(await axeViolations(page), `${metric} ${view} ${lang} ${scheme}`).toEqual([]);
      }
    }
  });
}

test('screenshots: notes on bars and on a timeline, 320 and 1280 px, it and en, light and dark', async ({ page }) => {
  await serveAnnotated(page);
  const widget = new WidgetPage(page);
  for (const width of [320, 768, 1280]) {
    for (const lang of ['it', 'en']) {
      for (const scheme of ['light', 'dark']) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: scheme });
        for (const metric of [HEADLINE, COMPUTED]) {
          await widget.goto(`?lang=${lang}&metric=${metric}`);
          await interactive(page);
          const name = metric === HEADLINE ? 'bars' : 'timeline';
          await page.screenshot({ path: `${shots}/notes-${name}-${width}-${lang}-${scheme}.png`, fullPage: true });
        }
      }
    }
  }
});
