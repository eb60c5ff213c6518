// Every measure and view at 320, 768 and 1280 px, light and dark, in Italian, English and Chinese: no
// horizontal scroll, nothing outside its box, no overlapping chart text; screenshots saved for people
// to look at (tests/e2e/artifacts/screenshots/).
import { test, expect } from '@playwright/test';
import { chartTextProblems, sidewaysScroll } from './layout.mjs';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEL, WidgetPage } from './widget-page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const shots = resolve(here, 'artifacts/screenshots');
const snapshot = JSON.parse(readFileSync(resolve(here, '../../public/data/snapshot.json'), 'utf8'));

/** Fails if the page scrolls sideways, or if two text elements of the chart overlap. */
async function expectCleanLayout(page, what) {
  expect(await sidewaysScroll(page), `horizontal overflow: ${what}`).toBe(0);
  expect(await chartTextProblems(page), `overlapping chart text: ${what}`).toEqual([]);
  // Nothing is clipped by a scrolling box either (the table fits its width).
  const clipped = await page.evaluate(
    (boxes) =>
      [...document.querySelectorAll(boxes)]
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.className),
    SEL.scrollBoxes,
  );
  expect(clipped, `clipped content: ${what}`).toEqual([]);
}

test('the headline at every width, theme and language', async ({ page }) => {
  const widget = new WidgetPage(page);
  for (const width of [320, 768, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const lang of ['it', 'en', 'zh']) {
        await widget.goto(`?lang=${lang}`);
        await expect(widget.chart()).toBeVisible();
        await expectCleanLayout(page, `${width} ${scheme} ${lang}`);
        await page.screenshot({ path: `${shots}/headline-${width}-${scheme}-${lang}.png`, fullPage: true });
      }
    }
  }
});

test('every measure and view lays out cleanly from 320 to 1280 px', async ({ page }) => {
  const widget = new WidgetPage(page);
  for (const width of [320, 768, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const lang of ['it', 'en', 'zh']) {
      await widget.goto(`?lang=${lang}`);
      await expect(widget.chart()).toBeVisible();
      for (const [i, m] of snapshot.metrics.entries()) {
        await widget.measureSelect().selectOption(String(i));
        await expect(widget.chart()).toBeVisible();
        await expectCleanLayout(page, `${m.id} ${width} ${lang}`);
        if (lang === 'en' && (width === 320 || width === 1280)) {
          await page.screenshot({ path: `${shots}/metric-${m.id}-${width}.png`, fullPage: true });
        }
      }
    }
  }
});

test('table and sources views, light and dark', async ({ page }) => {
  const widget = new WidgetPage(page);
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const lang of ['it', 'en']) {
        await widget.goto(`?lang=${lang}`);
        await expect(widget.chart()).toBeVisible();
        for (const [n, view] of [[1, 'table'], [2, 'sources']]) {
          await widget.tab(n).click();
          await expectCleanLayout(page, `${view} ${width} ${scheme} ${lang}`);
          await page.screenshot({ path: `${shots}/${view}-${width}-${scheme}-${lang}.png`, fullPage: true });
        }
      }
    }
  }
});

test('a tooltip, by hover, at 320 and 1280 px', async ({ page }) => {
  const widget = new WidgetPage(page);
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 700 });
    await widget.goto('?lang=en');
    await widget.barFills(widget.mark('us')).hover();
    await expect(widget.tooltip()).toBeVisible();
    await page.waitForTimeout(50);
    await page.screenshot({ path: `${shots}/tooltip-${width}.png` });
  }
});
