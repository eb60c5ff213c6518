// A computed time series (format 1.1, made by `oms build-series`): lines per country group with
// China and the US emphasized, totals in the tooltip and the table, provenance in the sources
// view; axe-clean; screenshots at 320, 768 and 1280 px, light and dark, Italian and English.
// The snapshot is tests/fixtures/valid-computed.json: synthetic test data, never shipped.
import { test, expect } from '@playwright/test';
import { chartTextProblems, sidewaysScroll } from './layout.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEL, WidgetPage } from './widget-page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const shots = resolve(here, 'artifacts/screenshots');
const fixturePath = resolve(here, '../fixtures/valid-computed.json');
const fixture = JSON.parse(readFileSync(fixturePath, 'utf8'));
const METRIC = 'computed-download-share-by-country-group';
const metric = fixture.metrics.find((m) => m.id === METRIC);

test.beforeEach(async ({ page }) => {
  await page.route('**/data/snapshot.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', path: fixturePath }),
  );
});

/** Fails if the page scrolls sideways, or chart text leaves the chart or overlaps other text. */
async function expectCleanLayout(page, what) {
  const problems = await chartTextProblems(page);
  if (await sidewaysScroll(page)) problems.push('horizontal scroll');
  expect(problems, what).toEqual([]);
}

test('a computed series draws a line per group, China and the US emphasized', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto(`?lang=en&metric=${METRIC}`);
  await expect(widget.chart()).toBeVisible();
  const groups = [...new Set(metric.values.map((v) => v.series))];
  await expect(widget.dataLines(widget.chart())).toHaveCount(groups.length);
  await expect(widget.connectors(widget.chart())).toHaveCount(0);
  await expect(widget.mutedLines()).toHaveCount(groups.length - 2);
  await expect(widget.line('china')).not.toHaveClass(/muted/);
  await expect(widget.line('us')).not.toHaveClass(/muted/);
  await expect(widget.points(widget.chart())).toHaveCount(metric.values.length);
  // The last figure of each series is written beside its name; the others are in tooltips.
  await expect(widget.pointValues(widget.chart())).toHaveCount(0);
  const lastChina = metric.values.filter((v) => v.series === 'china').at(-1);
  await expect(widget.seriesName('china')).toHaveText(`China ${lastChina.value.toFixed(1)}\u202f%`);
  await expect(page.getByText('dashed line')).toHaveCount(0);
  await expectCleanLayout(page, 'computed chart at 1280');
});

test('the tooltip and the table give the totals behind each share', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto(`?lang=en&metric=${METRIC}`);
  const china = metric.values.filter((v) => v.series === 'china');
  const last = china[china.length - 1];
  const marks = widget.mark('china');
  await expect(marks).toHaveCount(china.length);
  // A pointer over the last point: the plot answers, with its date.
  const at = await marks.last().locator('.oms-point__hit').boundingBox();
  await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
  const tip = widget.tooltip();
  await expect(tip).toBeVisible();
  const totals = `${last.numerator.toLocaleString('en-US')} of ${last.denominator.toLocaleString('en-US')} downloads`;
  await expect(tip).toContainText(totals);
  await expect(tip).toContainText(`${last.value.toFixed(1)}\u202f%`);
  await expect(tip).toContainText("computed from the study's dataset");

  await widget.goto(`?lang=it&view=table&metric=${METRIC}`);
  await expect(widget.columnHeader('Download (sul totale)')).toBeVisible();
  // A page at a time: 24 rows, then the next 24, down to the last.
  await expect(widget.tableRows()).toHaveCount(Math.min(24, metric.values.length));
  const pager = widget.pager('Pagine della tabella');
  await expect(pager).toContainText(`Righe 1–24 di ${metric.values.length}`);
  await expect(widget.pagerButton(pager, 'Righe precedenti')).toBeDisabled();
  await widget.pagerButton(pager, 'Righe successive').click();
  await expect(pager).toContainText(`Righe 25–48 di ${metric.values.length}`);
  await expect(widget.tableCell(0, 0)).toHaveText(
    `${metric.values[24].value.toFixed(1).replace('.', ',')}\u202f%`,
  );
  const pages = Math.ceil(metric.values.length / 24);
  for (let i = 2; i < pages; i++) await widget.pagerButton(pager, 'Righe successive').click();
  await expect(widget.pagerButton(pager, 'Righe successive')).toBeDisabled();
  await expect(widget.tableRows()).toHaveCount(metric.values.length - (pages - 1) * 24);
  await widget.pagerButton(pager, 'Righe precedenti').click();
  await expect(pager).toContainText(`Righe ${(pages - 2) * 24 + 1}–${(pages - 1) * 24} di`);
  // Another measure starts at its first page.
  const orgs = fixture.metrics.findIndex((m) => m.id === 'computed-download-share-by-organisation');
  await widget.measureByLabel('Misura').selectOption(String(orgs));
  await expect(pager).toContainText(`Righe 1–24 di ${fixture.metrics[orgs].values.length}`);
  await widget.goto(`?lang=it&view=table&metric=${METRIC}`);
  const first = metric.values[0];
  await expect(widget.tableCell(0, 1)).toHaveText(
    `${first.numerator.toLocaleString('it-IT')} su ${first.denominator.toLocaleString('it-IT')}`,
  );
  // One source for every row: named under the table, not repeated in a column.
  await expect(widget.columnHeader('Fonte')).toHaveCount(0);

  await widget.goto(`?lang=en&view=sources&metric=${METRIC}`);
  await expect(page.getByRole('heading', { name: 'How the computed figures were made' })).toBeVisible();
  await expect(widget.provenance()).toContainText(metric.provenance.input_sha256);
  await expect(widget.provenance()).toContainText(metric.provenance.command);
  await expect(widget.provenance()).toContainText('published 17.1');
});

test('keyboard moves along a computed series and announces its totals', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto(`?lang=en&metric=${METRIC}`);
  const first = widget.marks(widget.chart()).first();
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget.focusedMarks(widget.chart())).toHaveCount(1);
  await expect(widget.liveRegions().filter({ hasText: 'downloads' }).first()).toContainText(' of ');
});

test('the top organisations draw as lines too, each named with its last share', async ({ page }) => {
  const orgs = fixture.metrics.find((m) => m.id === 'computed-download-share-by-organisation');
  const ids = [...new Set(orgs.values.map((v) => v.series))];
  const widget = new WidgetPage(page);
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await widget.goto(`?lang=en&metric=${orgs.id}`);
    await expect(widget.dataLines(widget.chart())).toHaveCount(ids.length);
    for (const id of ids) {
      const last = orgs.values.filter((v) => v.series === id).at(-1);
      await expect(widget.seriesName(id)).toContainText(`${last.value.toFixed(1)}\u202f%`);
    }
    await expectCleanLayout(page, `organisations at ${width}`);
    await page.screenshot({ path: `${shots}/computed-organisations-${width}.png`, fullPage: true });
  }
});

for (const lang of ['it', 'en']) {
  for (const scheme of ['light', 'dark']) {
    test(`computed series: axe and layout at three widths (${lang}, ${scheme})`, async ({ page }) => {
      const widget = new WidgetPage(page);
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [320, 768, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await widget.goto(`?lang=${lang}&metric=${METRIC}`);
        await expect(widget.dataLines(widget.chart()).first()).toBeVisible();
        await expectCleanLayout(page, `${lang} ${scheme} ${width}`);
        await page.screenshot({ path: `${shots}/computed-${width}-${scheme}-${lang}.png`, fullPage: true });
        for (const view of ['table', 'sources']) {
          await widget.goto(`?lang=${lang}&view=${view}&metric=${METRIC}`);
          await expect(view === 'table' ? widget.table() : widget.provenance()).toBeVisible();
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, `${view} scrolls sideways at ${width}`).toBe(0);
          await page.screenshot({ path: `${shots}/computed-${view}-${width}-${scheme}-${lang}.png`, fullPage: true });
        }
      }
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
}
