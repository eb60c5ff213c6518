// Accessibility and languages end to end: axe in every view, theme and language; Chinese and
// Italian with no English left; keyboard only; forced colours; reduced motion; screen-reader text;
// long strings and right-to-left documents.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations } from './axe.mjs';
import { chartTextProblems, sidewaysScroll } from './layout.mjs';
import { CLASS, SEL, SUMMARY_ID, WidgetPage } from './widget-page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const snapshot = JSON.parse(readFileSync(resolve(here, '../../public/data/snapshot.json'), 'utf8'));
const SNAPSHOT = '**/data/snapshot.json';

for (const lang of ['it', 'en', 'zh']) {
  for (const scheme of ['light', 'dark']) {
    test(`axe: no violations in chart, table and sources (${lang}, ${scheme})`, async ({ page }) => {
      const widget = new WidgetPage(page);
      await page.emulateMedia({ colorScheme: scheme });
      await widget.goto(`?lang=${lang}`);
      await expect(widget.chart()).toBeVisible();
      expect(await axeViolations(page), 'chart').toEqual([]);
      await widget.tab(1).click();
      await expect(widget.table()).toBeVisible();
      expect(await axeViolations(page), 'table').toEqual([]);
      await widget.tab(2).click();
      await expect(widget.sourcesPanel()).toBeVisible();
      expect(await axeViolations(page), 'sources').toEqual([]);
    });
  }
}

test('Chinese: numbers, dates and sentences in Chinese, no English interface text', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(widget.title()).toHaveText('中国领先1.3个百分点');
  await expect(widget.subtitle()).toContainText('2024年8月\u00a0– 2025年8月');
  await expect(widget.barValues()).toHaveText(['17.1%', '15.8%', '67.1%']);
  await expect(widget.barLabels()).toHaveText(['中国', '美国', '其他所有']);
  const m = snapshot.metrics.findIndex((x) => x.id === 'atom-cumulative-downloads');
  await widget.measureSelect().selectOption(String(m));
  await expect(widget.barValues()).toHaveText(['11.5亿', '7.23亿']);
});

test('no English interface text is left in Italian or Chinese', async ({ page }) => {
  const english = ['Measure', 'Chart', 'Table', 'Sources & method', 'Source:', 'Data as of', 'Download the data',
    'Everyone else', 'Definition', 'leads by', 'percentage points', 'Caveats', 'Figures', 'Cite this widget'];
  const widget = new WidgetPage(page);
  for (const lang of ['it', 'zh']) {
    await widget.goto(`?lang=${lang}`);
    await expect(widget.chart()).toBeVisible();
    for (const view of [0, 1, 2]) {
      await widget.tab(view).click();
      const text = await widget.main().innerText();
      for (const word of english) expect(text, `${lang}, view ${view}: "${word}"`).not.toContain(word);
    }
  }
});

test('the generated summary comes first and focused figures are announced politely', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.chart()).toBeVisible();
  await expect(widget.main()).toHaveAttribute('aria-label', /Open Model Share/);
  const first = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    let n;
    while ((n = walker.nextNode())) if (n.textContent.trim()) return n.parentElement.id;
    return null;
  });
  expect(first).toBe(SUMMARY_ID);
  await expect(widget.summary()).toHaveText(
    'China leads by 1.3 percentage points. China 17.1\u202f%, United States 15.8\u202f%, Everyone else 67.1\u202f%; ' +
      'Aug\u00a02024\u00a0– Aug\u00a02025. Measure: Share of open-model downloads on Hugging Face, by the developer\'s country.',
  );
  await widget.marks().first().focus();
  await expect(widget.liveRegion()).toHaveText(
    'China: 17.1\u202f%, Aug\u00a02024\u00a0– Aug\u00a02025. Source: Stanford HAI / DigiChina, relayed by an outlet.',
  );
});

test('keyboard only: every control and every data point of every measure, with its tooltip', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.chart()).toBeVisible();
  // Every control is reached by Tab, with a visible focus indicator.
  const seen = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(({ markClass, markShape }) => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const s = getComputedStyle(e);
      const mark = e.classList.contains(markClass);
      const ring = mark
        ? (({ stroke, strokeWidth }) => stroke !== 'none' && parseFloat(strokeWidth) >= 2)(getComputedStyle(e.querySelector(markShape)))
        : s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      return { id: e.getAttribute('class') || e.tagName, ring };
    }, { markClass: CLASS.mark, markShape: SEL.markShape });
    if (!info) break;
    expect(info.ring, `focus visible on ${info.id}`).toBe(true);
    seen.add(info.id);
  }
  for (const c of [CLASS.select, CLASS.tab, CLASS.mark, CLASS.legendItem, CLASS.linkButton, 'SUMMARY']) {
    expect([...seen].some((s) => s.includes(c)), `${c} reached by Tab`).toBe(true);
  }
  // Every data point of every measure, by the arrow keys, each with its tooltip.
  const select = widget.measureSelect();
  await select.focus();
  await page.keyboard.press('Home');
  for (const m of snapshot.metrics) {
    await expect(widget.subtitle()).toContainText(m.label.en);
    const marks = widget.marks();
    const count = await marks.count();
    await marks.nth(0).focus();
    for (let k = 0; k < count; k++) {
      const label = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
      const title = label.split(':')[0];
      await expect(widget.tooltip()).toContainText(title);
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Escape');
    await expect(widget.tooltip()).toHaveCount(0);
    await select.focus();
    await page.keyboard.press('ArrowDown');
  }
});

test('forced colours use system colours and keep the series apart', async ({ page }) => {
  const widget = new WidgetPage(page);
  await page.emulateMedia({ forcedColors: 'active' });
  await widget.goto('?lang=en');
  await expect(widget.chart()).toBeVisible();
  const fills = await page.evaluate(({ bar, barFill }) => {
    const probe = document.createElement('span');
    document.body.append(probe);
    const system = (c) => {
      probe.style.color = c;
      return getComputedStyle(probe).color;
    };
    const fill = (k) => getComputedStyle(document.querySelector(`${bar}[data-key="${k}"] ${barFill}`)).fill;
    return {
      china: fill('china'),
      us: fill('us'),
      canvasText: system('CanvasText'),
      highlight: system('Highlight'),
    };
  }, { bar: SEL.bar, barFill: SEL.barFill });
  expect(fills.china).toBe(fills.canvasText);
  expect(fills.us).toBe(fills.highlight);
  expect(fills.china).not.toBe(fills.us);
  // The text still reads.
  await expect(widget.barValues().first()).toBeVisible();
});

test('reduced motion removes every transition', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.chart()).toBeVisible();
  const normal = await widget.marks().first().evaluate((e) => getComputedStyle(e).transitionDuration);
  expect(normal).toBe('0.15s');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const durations = await page.evaluate(() =>
    [...document.querySelectorAll('main *')]
      .map((e) => getComputedStyle(e).transitionDuration)
      .filter((d) => d.split(',').some((x) => parseFloat(x) > 0)),
  );
  expect(durations).toEqual([]);
});

test('strings 40 % longer and a right-to-left document lay out without overlap', async ({ page }) => {
  const longer = JSON.parse(JSON.stringify(snapshot));
  const stretch = (t) => {
    // 40 % more text, in words of five letters (as translations grow: more and longer words).
    for (const k of Object.keys(t)) t[k] = t[k] + ' xxxxx'.repeat(Math.ceil((t[k].length * 0.4) / 6));
  };
  for (const s of longer.series) stretch(s.label);
  for (const m of longer.metrics) {
    stretch(m.label);
    if (m.remainder_label) stretch(m.remainder_label);
  }
  await page.route(SNAPSHOT, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(longer) }));
  const widget = new WidgetPage(page);
  for (const width of [320, 768]) {
    await page.setViewportSize({ width, height: 800 });
    await widget.goto('?lang=en');
    await expect(widget.chart()).toBeVisible();
    await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
    const direction = (title) => getComputedStyle(document.querySelector(title)).direction;
    expect(await page.evaluate(direction, SEL.title)).toBe('rtl');
    for (const [i] of longer.metrics.entries()) {
      await widget.measureSelect().selectOption(String(i));
      expect(await sidewaysScroll(page), `overflow at ${width}px, metric ${i}`).toBe(0);
      expect(await chartTextProblems(page), `overlaps at ${width}px, metric ${i}`).toEqual([]);
    }
    await page.screenshot({ path: resolve(here, `artifacts/screenshots/rtl-long-${width}.png`), fullPage: true });
  }
});
