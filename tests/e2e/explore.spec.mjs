// Interactive comparison end to end: measures, tooltips by mouse, touch and keyboard, legend,
// views, and downloads, checked against the bundled snapshot.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
async function expectTooltipBeside(page, mark) {
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toHaveCSS('visibility', 'visible');
  const t = await box(tip);
  const m = await box(mark.locator('.oms-bar__fill, .oms-point').first());
  const w = await box(page.locator('.oms-explorer'));
  expect(overlaps(t, m), 'tooltip covers its mark').toBe(false);
  expect(t.x).toBeGreaterThanOrEqual(w.x - 0.5);
  expect(t.y).toBeGreaterThanOrEqual(w.y - 0.5);
  expect(t.x + t.width).toBeLessThanOrEqual(w.x + w.width + 0.5);
  expect(t.y + t.height).toBeLessThanOrEqual(w.y + w.height + 0.5);
}

test('every measure is selectable and shows exactly its sourced numbers', async ({ page }) => {
  await page.goto('./?lang=en');
  await expect(page.locator('.oms-chart')).toBeVisible();
  const select = page.getByLabel('Measure');
  await expect(select.locator('option')).toHaveCount(snapshot.metrics.length);
  await expect(select).toHaveValue(String(snapshot.metrics.findIndex((m) => m.id === snapshot.headline_metric)));
  for (const [i, m] of snapshot.metrics.entries()) {
    await select.selectOption(String(i));
    await expect(page.locator('.oms-title')).not.toBeEmpty();
    await expect(page.locator('.oms-subtitle')).toContainText(m.label.en);
    const dates = new Set(m.values.map((v) => v.date ?? JSON.stringify(v.window ?? null)));
    const timeline = dates.size > 1;
    const remainder = m.parts_of_whole ? 1 : 0;
    await expect(page.locator('.oms-mark')).toHaveCount(m.values.length + (timeline ? 0 : remainder));
    // The table holds the same numbers.
    await page.getByRole('button', { name: 'Table' }).click();
    const rows = page.locator('.oms-table tbody tr');
    await expect(rows).toHaveCount(m.values.length + remainder);
    for (const [k, v] of m.values.entries()) {
      const row = rows.nth(k);
      await expect(row.locator('th')).toHaveText(seriesLabel(v.series));
      const cell = (await row.locator('td').first().textContent()) ?? '';
      if (m.unit === 'percent') expect(cell).toBe(pct(v.value));
      else expect(countFromWords(cell)).toBe(v.value);
    }
    await page.getByRole('button', { name: 'Chart' }).click();
  }
});

test('the headline sentence changes with the measure', async ({ page }) => {
  await page.goto('./?lang=en');
  await expect(page.locator('.oms-title')).toHaveText('China leads by 1.3 percentage points');
  const select = page.getByLabel('Measure');
  const idx = (id) => String(snapshot.metrics.findIndex((m) => m.id === id));
  await select.selectOption(idx('openrouter-top10-token-share'));
  await expect(page.locator('.oms-title')).toHaveText(
    `China: from ${pct('2.8')} (${nbsp('Nov 2024')}) to ${pct('72.7')} (${nbsp('Jan 2026')})`,
  );
  await select.selectOption(idx('atom-cumulative-downloads'));
  await expect(page.locator('.oms-title')).toHaveText(
    `China leads: ${nbsp('1.15 billion')} vs ${nbsp('723 million')} for United States`,
  );
});

test('hovering a bar shows its tooltip beside it; leaving hides it', async ({ page }) => {
  await page.goto('./?lang=en');
  const us = page.locator('.oms-mark[data-key="us"]');
  await us.locator('.oms-bar__fill').hover();
  const tip = page.getByRole('tooltip');
  await expect(tip).toContainText('United States');
  await expect(tip).toContainText(pct('15.8'));
  await expect(tip).toContainText(nbsp('Aug 2024') + '\u00a0– ' + nbsp('Aug 2025'));
  await expect(tip).toContainText('Source: Financial Times');
  await expect(tip).toContainText('relayed by an outlet');
  await expectTooltipBeside(page, us);
  await page.mouse.move(2, 2);
  await expect(tip).toHaveCount(0);
});

test('tapping shows the same tooltip; tapping the background closes it', async ({ browser }) => {
  const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto('./?lang=it');
  const china = page.locator('.oms-mark[data-key="china"]');
  await china.locator('.oms-bar__fill').tap();
  const tip = page.getByRole('tooltip');
  await expect(tip).toContainText('Cina');
  await expect(tip).toContainText(pct('17,1'));
  await expect(tip).toContainText('Fonte: Stanford HAI / DigiChina');
  await expect(tip).toContainText('riportato da una testata');
  await expectTooltipBeside(page, china);
  const rest = page.locator('.oms-mark[data-key="remainder"]');
  await rest.locator('.oms-bar__fill').tap();
  await expect(tip).toContainText('Tutti gli altri');
  await expect(tip).toContainText('calcolato: 100 % meno le parti con fonte');
  await expectTooltipBeside(page, rest);
  const fig = await box(page.locator('.oms-figure'));
  await page.touchscreen.tap(fig.x + fig.width - 4, fig.y + 4);
  await expect(tip).toHaveCount(0);
  await context.close();
});

test('the keyboard reaches every mark from one tab stop, with the same tooltips', async ({ page }) => {
  await page.goto('./?lang=en');
  await expect(page.locator('.oms-chart')).toBeVisible();
  let onMark = false;
  for (let i = 0; i < 10 && !onMark; i++) {
    await page.keyboard.press('Tab');
    onMark = await page.evaluate(() => document.activeElement?.classList.contains('oms-mark') ?? false);
  }
  expect(onMark, 'a mark is reachable by Tab').toBe(true);
  const tip = page.getByRole('tooltip');
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-key'));
  expect(await focused()).toBe('china');
  await expect(tip).toContainText('China');
  await page.keyboard.press('ArrowRight');
  expect(await focused()).toBe('us');
  await expect(tip).toContainText('United States');
  // Screen readers hear the figure once, from the polite live region (not also by aria-describedby).
  await expect(page.locator('[aria-live="polite"]')).toContainText('United States');
  await page.keyboard.press('End');
  expect(await focused()).toBe('remainder');
  await expect(tip).toContainText('Everyone else');
  await page.keyboard.press('Home');
  expect(await focused()).toBe('china');
  await page.keyboard.press('Escape');
  await expect(tip).toHaveCount(0);
  // Only one mark is in the tab order.
  await expect(page.locator('.oms-mark[tabindex="0"]')).toHaveCount(1);
  // Tab leaves the chart (no trap).
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.classList.contains('oms-mark'))).toBe(false);
});

test('the legend highlights on hover and hides or shows on activation', async ({ page }) => {
  await page.goto('./?lang=en');
  const legendChina = page.locator('.oms-legend__item[data-key="china"]');
  await legendChina.hover();
  await expect(page.locator('.oms-mark[data-key="us"]')).toHaveClass(/oms-mark--dim/);
  await expect(page.locator('.oms-mark[data-key="china"]')).not.toHaveClass(/oms-mark--dim/);
  await legendChina.click();
  await expect(legendChina).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('.oms-mark[data-key="china"]')).toHaveCount(0);
  await expect(page.locator('.oms-mark')).toHaveCount(2);
  // The table shows exactly what is drawn.
  await page.getByRole('button', { name: 'Table' }).click();
  await expect(page.locator('.oms-table tbody tr')).toHaveCount(2);
  await page.getByRole('button', { name: 'Chart' }).click();
  await page.locator('.oms-legend__item[data-key="china"]').press('Enter');
  await expect(page.locator('.oms-legend__item[data-key="china"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.oms-mark[data-key="china"]')).toHaveCount(1);
  // China and the US differ by marker shape too, not only by colour.
  const shapes = await page.locator('.oms-legend__swatch path').evaluateAll((els) => els.map((e) => e.getAttribute('d')));
  expect(shapes[0]).not.toBe(shapes[1]);
});

test('dated points are drawn only at the published dates, joined by a dashed connector', async ({ page }) => {
  await page.goto('./?lang=en');
  const m = snapshot.metrics.findIndex((x) => x.id === 'openrouter-top10-token-share');
  await page.getByLabel('Measure').selectOption(String(m));
  const points = page.locator('.oms-mark');
  await expect(points).toHaveCount(2);
  await expect(page.locator('.oms-axis').filter({ hasText: /\d{4}/ })).toHaveText([nbsp('Nov 2024'), nbsp('Jan 2026')]);
  const dash = await page.locator('.oms-connector').evaluate((e) => getComputedStyle(e).strokeDasharray);
  expect(dash).not.toBe('none');
  await expect(page.locator('.oms-note').filter({ hasText: 'connect published points' })).toBeVisible();
  await points.nth(1).locator('.oms-point').hover();
  const tip = page.getByRole('tooltip');
  await expect(tip).toContainText(pct('72.7'));
  await expect(tip).toContainText(nbsp('Jan 2026'));
  await expect(tip).toContainText("author's talk slides");
  await expectTooltipBeside(page, points.nth(1));
});

test('the sources view shows definitions, provenance, roundings, version and a citation', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByRole('button', { name: 'Sources & method' }).click();
  const panel = page.locator('.oms-sources');
  const m = snapshot.metrics.find((x) => x.id === snapshot.headline_metric);
  await expect(panel).toContainText(m.definition.en.slice(0, 60));
  await expect(panel).toContainText(m.caveats[0].en);
  await expect(panel.getByRole('link', { name: 'Financial Times' })).toHaveAttribute('href', /^https:\/\/www\.ft\.com\//);
  await expect(panel).toContainText('also published as: 15.86 (MIT Technology Review)');
  await expect(panel).toContainText('also published as: 17 (Financial Times)');
  await expect(panel).toContainText('where: Sentence: "the 15.8 per cent share');
  await expect(panel).toContainText('relayed by an outlet');
  await expect(panel).toContainText(`Data as of ${nbsp('29 Nov 2026')}`);
  await expect(panel).toContainText('Snapshot format 1.0');
  await expect(panel).toContainText('Cite this widget');
  await expect(panel).toContainText('Economies of Open Intelligence');
});

test('CSV and JSON downloads hold exactly the data in view, with sources', async ({ page }) => {
  await page.goto('./?lang=it');
  await expect(page.locator('.oms-chart')).toBeVisible();
  const [csvFile] = await Promise.all([page.waitForEvent('download'), page.locator('[data-format="csv"]').click()]);
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
  await page.locator('.oms-legend__item[data-key="us"]').click();
  const [jsonFile] = await Promise.all([page.waitForEvent('download'), page.locator('[data-format="json"]').click()]);
  const json = JSON.parse(readFileSync(await jsonFile.path(), 'utf8'));
  expect(json.metric.id).toBe(snapshot.headline_metric);
  expect(json.data_as_of).toBe(snapshot.data_as_of);
  expect(json.rows.map((r) => [r.series_id, r.value])).toEqual([['china', 17.1], ['remainder', 67.1]]);
  const ft = snapshot.sources.find((s) => s.id === 'hai-digichina-2025-12');
  expect(json.rows[0].source).toBe(ft.title);
  expect(json.rows[1].source).toBeNull();
});

test('keyboard alone changes the measure and the view', async ({ page }) => {
  await page.goto('./?lang=en');
  await expect(page.locator('.oms-chart')).toBeVisible();
  const active = () => page.evaluate(() => document.activeElement?.className ?? '');
  for (let i = 0; i < 5 && !(await active()).includes('oms-select'); i++) await page.keyboard.press('Tab');
  expect(await active()).toContain('oms-select');
  const before = await page.locator('.oms-title').textContent();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.oms-title')).not.toHaveText(before ?? '');
  const selected = Number(await page.locator('.oms-select').inputValue());
  await expect(page.locator('.oms-subtitle')).toContainText(snapshot.metrics[selected].label.en);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await active()).toContain('oms-tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('.oms-table')).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('.oms-sources')).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('.oms-chart')).toBeVisible();
});

test('touch alone switches views and toggles the legend', async ({ browser }) => {
  const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 320, height: 700 } });
  const page = await context.newPage();
  await page.goto('./?lang=en');
  await page.getByRole('button', { name: 'Table' }).tap();
  await expect(page.locator('.oms-table tbody tr')).toHaveCount(3);
  await page.getByRole('button', { name: 'Sources & method' }).tap();
  await expect(page.locator('.oms-sources')).toBeVisible();
  await page.getByRole('button', { name: 'Chart' }).tap();
  await page.locator('.oms-legend__item[data-key="us"]').tap();
  await expect(page.locator('.oms-mark[data-key="us"]')).toHaveCount(0);
  // Touch targets are at least 24 px in both directions (links inside sentences are exempt, as in WCAG 2.5.8).
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button, select, summary, .oms-mark')]
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.width < 24 || r.height < 24))
      .map(({ e }) => e.outerHTML.slice(0, 80)),
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
  await page.goto('./?lang=en');
  await expect(page.locator('.oms-chart')).toBeVisible();
  await page.waitForTimeout(500);
  const shifts = await page.evaluate(() => window.__shifts);
  expect(shifts.reduce((a, b) => a + b, 0)).toBeLessThan(0.01);
});

test('a tooltip opened by a click closes when the view changes', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.locator('.oms-mark[data-key="us"] .oms-bar__fill').click();
  await expect(page.getByRole('tooltip')).toBeVisible();
  await page.getByRole('button', { name: 'Table' }).click();
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await page.getByRole('button', { name: 'Chart' }).click();
  await expect(page.getByRole('tooltip')).toHaveCount(0);
});
