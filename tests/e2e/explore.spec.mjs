// Interactive comparison end to end: measures, tooltips by mouse, touch and keyboard, legend,
// views, and downloads, checked against the bundled snapshot.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLASS, SEL, WidgetPage } from './widget-page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const snapshot = JSON.parse(readFileSync(resolve(here, '../../public/data/snapshot.json'), 'utf8'));
const seriesLabel = (id, lang = 'en') => {
  const s = snapshot.series.find((x) => x.id === id);
  return s.label[lang] ?? s.label.en;
};
const pct = (n) => `${n}\u202f%`;
const nbsp = (s) => s.replace(/ /g, '\u00a0');

/** Reads a count the widget wrote in words ("1.15 billion", "723 million", "151,448"). */
function countFromWords(text) {
  const m = text.replace(/\u00a0/g, ' ').match(/^([\d.,]+)(?: (billion|million))?$/);
  if (!m) throw new Error(`not a count: ${text}`);
  const n = Number(m[1].replace(/,/g, ''));
  return Math.round(n * (m[2] === 'billion' ? 1e9 : m[2] === 'million' ? 1e6 : 1));
}

async function box(locator) {
  const b = await locator.boundingBox();
  expect(b).not.toBeNull();
  return b;
}

const overlaps = (a, b) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The tooltip is inside the widget and does not cover the mark it describes. */
async function expectTooltipBeside(widget, mark) {
  const tip = widget.tooltip();
  await expect(tip).toBeVisible();
  await expect(tip).toHaveCSS('visibility', 'visible');
  const t = await box(tip);
  const m = await box(widget.markShape(mark).first());
  const w = await box(widget.explorer());
  expect(overlaps(t, m), 'tooltip covers its mark').toBe(false);
  expect(t.x).toBeGreaterThanOrEqual(w.x - 0.5);
  expect(t.y).toBeGreaterThanOrEqual(w.y - 0.5);
  expect(t.x + t.width).toBeLessThanOrEqual(w.x + w.width + 0.5);
  expect(t.y + t.height).toBeLessThanOrEqual(w.y + w.height + 0.5);
}

test('every measure is selectable and shows exactly its sourced numbers', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.chart()).toBeVisible();
  const select = widget.measureByLabel('Measure');
  await expect(select.locator('option')).toHaveCount(snapshot.metrics.length);
  await expect(select).toHaveValue(String(snapshot.metrics.findIndex((m) => m.id === snapshot.headline_metric)));
  for (const [i, m] of snapshot.metrics.entries()) {
    await select.selectOption(String(i));
    await expect(widget.title()).not.toBeEmpty();
    await expect(widget.subtitle()).toContainText(m.label.en);
    const dates = new Set(m.values.map((v) => v.date ?? JSON.stringify(v.window ?? null)));
    const timeline = dates.size > 1;
    const remainder = m.parts_of_whole ? 1 : 0;
    await expect(widget.marks()).toHaveCount(m.values.length + (timeline ? 0 : remainder));
    // The table holds the same numbers.
    await widget.viewButton('Table').click();
    const rows = widget.tableRows();
    await expect(rows).toHaveCount(m.values.length + remainder);
    for (const [k, v] of m.values.entries()) {
      const row = rows.nth(k);
      await expect(widget.rowHeader(row)).toHaveText(seriesLabel(v.series));
      const cell = (await widget.rowCells(row).first().textContent()) ?? '';
      if (m.unit === 'percent') expect(cell).toBe(pct(v.value));
      else expect(countFromWords(cell)).toBe(v.value);
    }
    await widget.viewButton('Chart').click();
  }
});

test('the headline sentence changes with the measure', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.title()).toHaveText('China leads by 1.3 percentage points');
  const select = widget.measureByLabel('Measure');
  const idx = (id) => String(snapshot.metrics.findIndex((m) => m.id === id));
  await select.selectOption(idx('openrouter-top10-token-share'));
  await expect(widget.title()).toHaveText(
    `China: from ${pct('2.8')} (${nbsp('Nov 2024')}) to ${pct('72.7')} (${nbsp('Jan 2026')})`,
  );
  await select.selectOption(idx('atom-cumulative-downloads'));
  await expect(widget.title()).toHaveText(
    `China leads: ${nbsp('1.15 billion')} vs ${nbsp('723 million')} for United States`,
  );
});

test('hovering a bar shows its tooltip beside it; leaving hides it', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  const us = widget.mark('us');
  await widget.barFills(us).hover();
  const tip = widget.tooltip();
  await expect(tip).toContainText('United States');
  await expect(tip).toContainText(pct('15.8'));
  await expect(tip).toContainText(nbsp('Aug 2024') + '\u00a0– ' + nbsp('Aug 2025'));
  await expect(tip).toContainText('Source: Financial Times');
  await expect(tip).toContainText('relayed by an outlet');
  await expectTooltipBeside(widget, us);
  await page.mouse.move(2, 2);
  await expect(tip).toHaveCount(0);
});

// The widget keeps each tooltip's measured size per text and width (a second showing needs no
// layout before the frame; the host tests of chart::tooltip::Sizes hold the keys): tooltips shown
// again, and at another width, where the text wraps otherwise, are still placed beside their marks.
test('tooltips shown again, and after the widget changed width, stay beside their marks', async ({ page }) => {
  const widget = new WidgetPage(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await widget.goto('?lang=en');
  for (const width of [1280, 240, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const key of ['us', 'china', 'us', 'china']) {
      const mark = widget.mark(key);
      await widget.barFills(mark).hover();
      await expect(widget.tooltip()).toContainText(seriesLabel(key));
      await expectTooltipBeside(widget, mark);
    }
  }
});

test('tapping shows the same tooltip; tapping the background closes it', async ({ browser }) => {
  const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const widget = new WidgetPage(page);
  await widget.goto('?lang=it');
  const china = widget.mark('china');
  await widget.barFills(china).tap();
  const tip = widget.tooltip();
  await expect(tip).toContainText('Cina');
  await expect(tip).toContainText(pct('17,1'));
  await expect(tip).toContainText('Fonte: Stanford HAI / DigiChina');
  await expect(tip).toContainText('riportato da una testata');
  await expectTooltipBeside(widget, china);
  const rest = widget.mark('remainder');
  await widget.barFills(rest).tap();
  await expect(tip).toContainText('Tutti gli altri');
  await expect(tip).toContainText('calcolato: 100 % meno le parti con fonte');
  await expectTooltipBeside(widget, rest);
  const fig = await box(widget.figure());
  await page.touchscreen.tap(fig.x + fig.width - 4, fig.y + 4);
  await expect(tip).toHaveCount(0);
  await context.close();
});

test('the keyboard reaches every mark from one tab stop, with the same tooltips', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.chart()).toBeVisible();
  let onMark = false;
  for (let i = 0; i < 10 && !onMark; i++) {
    await page.keyboard.press('Tab');
    onMark = await page.evaluate(
      (mark) => document.activeElement?.classList.contains(mark) ?? false,
      CLASS.mark,
    );
  }
  expect(onMark, 'a mark is reachable by Tab').toBe(true);
  const tip = widget.tooltip();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-key'));
  expect(await focused()).toBe('china');
  await expect(tip).toContainText('China');
  await page.keyboard.press('ArrowRight');
  expect(await focused()).toBe('us');
  await expect(tip).toContainText('United States');
  // Screen readers hear the figure once, from the polite live region (not also by aria-describedby).
  await expect(widget.liveRegion()).toContainText('United States');
  await page.keyboard.press('End');
  expect(await focused()).toBe('remainder');
  await expect(tip).toContainText('Everyone else');
  await page.keyboard.press('Home');
  expect(await focused()).toBe('china');
  await page.keyboard.press('Escape');
  await expect(tip).toHaveCount(0);
  // Only one mark is in the tab order.
  await expect(widget.tabbableMarks()).toHaveCount(1);
  // Tab leaves the chart (no trap).
  await page.keyboard.press('Tab');
  expect(
    await page.evaluate((mark) => document.activeElement?.classList.contains(mark), CLASS.mark),
  ).toBe(false);
});

test('the legend highlights on hover and hides or shows on activation', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  const legendChina = widget.legendItem('china');
  await legendChina.hover();
  await expect(widget.mark('us')).toHaveClass(new RegExp(CLASS.markDim));
  await expect(widget.mark('china')).not.toHaveClass(new RegExp(CLASS.markDim));
  await legendChina.click();
  await expect(legendChina).toHaveAttribute('aria-pressed', 'false');
  await expect(widget.mark('china')).toHaveCount(0);
  await expect(widget.marks()).toHaveCount(2);
  // The table shows exactly what is drawn.
  await widget.viewButton('Table').click();
  await expect(widget.tableRows()).toHaveCount(2);
  await widget.viewButton('Chart').click();
  await widget.legendItem('china').press('Enter');
  await expect(widget.legendItem('china')).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.mark('china')).toHaveCount(1);
  // China and the US differ by marker shape too, not only by colour.
  const shapes = await widget.legendSwatchPaths().evaluateAll((els) => els.map((e) => e.getAttribute('d')));
  expect(shapes[0]).not.toBe(shapes[1]);
});

test('dated points are drawn only at the published dates, joined by a dashed connector', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  const m = snapshot.metrics.findIndex((x) => x.id === 'openrouter-top10-token-share');
  await widget.measureByLabel('Measure').selectOption(String(m));
  const points = widget.marks();
  await expect(points).toHaveCount(2);
  await expect(widget.axisLabels().filter({ hasText: /\d{4}/ })).toHaveText([nbsp('Nov 2024'), nbsp('Jan 2026')]);
  const dash = await widget.connectors().evaluate((e) => getComputedStyle(e).strokeDasharray);
  expect(dash).not.toBe('none');
  await expect(widget.notes().filter({ hasText: 'connect published points' })).toBeVisible();
  // A pointer over a point: the plot answers, with the point's date.
  const hit = await box(points.nth(1).locator('.oms-point__hit'));
  await page.mouse.move(hit.x + hit.width / 2, hit.y + hit.height / 2);
  const tip = widget.tooltip();
  await expect(tip).toContainText(pct('72.7'));
  await expect(tip).toContainText(nbsp('Jan 2026'));
  await expect(tip).toContainText("author's talk slides");
  await expectTooltipBeside(widget, points.nth(1));
});

test('the sources view shows definitions, provenance, roundings, version and a citation', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await widget.viewButton('Sources & method').click();
  const panel = widget.sourcesPanel();
  const m = snapshot.metrics.find((x) => x.id === snapshot.headline_metric);
  await expect(panel).toContainText(m.definition.en.slice(0, 60));
  await expect(panel).toContainText(m.caveats[0].en);
  await expect(panel.getByRole('link', { name: 'Financial Times' }).first()).toHaveAttribute('href', /^https:\/\/www\.ft\.com\//);
  await expect(panel).toContainText('also published as: 15.86 (MIT Technology Review)');
  await expect(panel).toContainText('also published as: 17 (Financial Times)');
  await expect(panel).toContainText('where: Sentence: "the 15.8 per cent share');
  await expect(panel).toContainText('relayed by an outlet');
  await expect(panel).toContainText(`Data as of ${nbsp('29 Nov 2026')}`);
  await expect(panel).toContainText('Snapshot format 1.2');
  await expect(panel).toContainText('Cite this widget');
  await expect(panel).toContainText('Economies of Open Intelligence');
});

test('an open definition stays open while the reader hides and shows series', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.chart()).toBeVisible();
  const definition = widget.definition();
  await definition.locator('summary').click();
  await expect(definition).toHaveAttribute('open', '');
  const bars = await widget.barValues().count();
  await widget.legendItem('us').click();
  await expect(widget.barValues()).toHaveCount(bars - 1);
  await widget.legendItem('us').click();
  await expect(widget.barValues()).toHaveCount(bars);
  await expect(definition).toHaveAttribute('open', '');
});

test('CSV and JSON downloads hold exactly the data in view, with sources', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=it');
  await expect(widget.chart()).toBeVisible();
  const downloads = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  const [csvFile] = await Promise.all([page.waitForEvent('download'), widget.downloadButton('csv').click()]);
  expect(csvFile.suggestedFilename()).toBe('open-model-share-hf-download-share-by-developer-country.csv');
  const csv = readFileSync(await csvFile.path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines[0].split(',').slice(0, 6)).toEqual(['metric_id', 'metric', 'series_id', 'series', 'value', 'unit']);
  const m = snapshot.metrics.find((x) => x.id === snapshot.headline_metric);
  expect(lines).toHaveLength(1 + m.values.length + 1);
  for (const v of m.values) {
    const line = lines.find((l) => l.includes(`,${v.series},`));
    expect(line, v.series).toContain(`,${v.value},percent,2024-08,2025-08,${v.kind},${v.source},`);
  }
  expect(lines[3]).toContain(',remainder,Tutti gli altri,67.1,percent,');

  // Hide the US: the JSON download follows the view.
  await widget.legendItem('us').click();
  const [jsonFile] = await Promise.all([page.waitForEvent('download'), widget.downloadButton('json').click()]);
  const json = JSON.parse(readFileSync(await jsonFile.path(), 'utf8'));
  expect(json.metric.id).toBe(snapshot.headline_metric);
  expect(json.data_as_of).toBe(snapshot.data_as_of);
  expect(json.rows.map((r) => [r.series_id, r.value])).toEqual([['china', 17.1], ['remainder', 67.1]]);
  const ft = snapshot.sources.find((s) => s.id === 'hai-digichina-2025-12');
  expect(json.rows[0].source).toBe(ft.title);
  expect(json.rows[1].source).toBeNull();
  // One file a click: the widget's, not also the page's static one behind the link.
  await page.waitForTimeout(500);
  expect(downloads).toEqual([
    'open-model-share-hf-download-share-by-developer-country.csv',
    'open-model-share-hf-download-share-by-developer-country.json',
  ]);
});

test('keyboard alone changes the measure and the view', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.chart()).toBeVisible();
  const active = () => page.evaluate(() => document.activeElement?.className ?? '');
  for (let i = 0; i < 5 && !(await active()).includes(CLASS.select); i++) await page.keyboard.press('Tab');
  expect(await active()).toContain(CLASS.select);
  const before = await widget.title().textContent();
  await page.keyboard.press('ArrowDown');
  await expect(widget.title()).not.toHaveText(before ?? '');
  const selected = Number(await widget.measureSelect().inputValue());
  await expect(widget.subtitle()).toContainText(snapshot.metrics[selected].label.en);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await active()).toContain(CLASS.tab);
  await page.keyboard.press('Enter');
  await expect(widget.table()).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(widget.sourcesPanel()).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(widget.chart()).toBeVisible();
});

test('touch alone switches views and toggles the legend', async ({ browser }) => {
  const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 320, height: 700 } });
  const page = await context.newPage();
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await widget.viewButton('Table').tap();
  await expect(widget.tableRows()).toHaveCount(3);
  await widget.viewButton('Sources & method').tap();
  await expect(widget.sourcesPanel()).toBeVisible();
  await widget.viewButton('Chart').tap();
  await widget.legendItem('us').tap();
  await expect(widget.mark('us')).toHaveCount(0);
  // Touch targets are at least 24 px in both directions (links inside sentences are exempt, as in WCAG 2.5.8).
  const small = await page.evaluate(
    (mark) =>
      [...document.querySelectorAll(`button, select, summary, ${mark}`)]
        .map((e) => ({ e, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.width < 24 || r.height < 24))
        .map(({ e }) => e.outerHTML.slice(0, 80)),
    SEL.mark,
  );
  expect(small).toEqual([]);
  await context.close();
});

test('no layout shift after the first paint', async ({ page }) => {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.chart()).toBeVisible();
  await page.waitForTimeout(500);
  const shifts = await page.evaluate(() => window.__shifts);
  expect(shifts.reduce((a, b) => a + b, 0)).toBeLessThan(0.01);
});

test('a tooltip opened by a click closes when the view changes', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await widget.barFills(widget.mark('us')).click();
  await expect(widget.tooltip()).toBeVisible();
  await widget.viewButton('Table').click();
  await expect(widget.tooltip()).toHaveCount(0);
  await widget.viewButton('Chart').click();
  await expect(widget.tooltip()).toHaveCount(0);
});
