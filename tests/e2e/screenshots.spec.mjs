// Every measure and view at 320, 768 and 1280 px, light and dark, in Italian, English and Chinese: no
// horizontal scroll, nothing outside its box, no overlapping chart text; screenshots saved for people
// to look at (tests/e2e/artifacts/screenshots/).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const shots = resolve(here, 'artifacts/screenshots');
const snapshot = JSON.parse(readFileSync(resolve(here, '../../public/data/snapshot.json'), 'utf8'));

/** Fails if the page scrolls sideways, or if two text elements of the chart overlap. */
async function expectCleanLayout(page, what) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `horizontal overflow: ${what}`).toBe(0);
  const clashes = await page.evaluate(() => {
    const texts = [...document.querySelectorAll('.oms-chart text')].map((t) => ({
      text: t.textContent,
      r: t.getBoundingClientRect(),
    }));
    const svg = document.querySelector('.oms-chart')?.getBoundingClientRect();
    const out = [];
    for (let i = 0; i < texts.length; i++) {
      const a = texts[i].r;
      if (svg && (a.left < svg.left - 1 || a.right > svg.right + 1)) out.push(`${texts[i].text} leaves the chart`);
      for (let j = i + 1; j < texts.length; j++) {
        const b = texts[j].r;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) out.push(`${texts[i].text} / ${texts[j].text}`);
      }
    }
    return out;
  });
  expect(clashes, `overlapping chart text: ${what}`).toEqual([]);
  // Nothing is clipped by a scrolling box either (the table fits its width).
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll('.oms-table-wrap, .oms-figure')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1)
      .map((e) => e.className),
  );
  expect(clipped, `clipped content: ${what}`).toEqual([]);
}

test('the headline at every width, theme and language', async ({ page }) => {
  for (const width of [320, 768, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const lang of ['it', 'en', 'zh']) {
        await page.goto(`./?lang=${lang}`);
        await expect(page.locator('.oms-chart')).toBeVisible();
        await expectCleanLayout(page, `${width} ${scheme} ${lang}`);
        await page.screenshot({ path: `${shots}/headline-${width}-${scheme}-${lang}.png`, fullPage: true });
      }
    }
  }
});

test('every measure and view lays out cleanly from 320 to 1280 px', async ({ page }) => {
  for (const width of [320, 768, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const lang of ['it', 'en', 'zh']) {
      await page.goto(`./?lang=${lang}`);
      await expect(page.locator('.oms-chart')).toBeVisible();
      for (const [i, m] of snapshot.metrics.entries()) {
        await page.locator('.oms-select').selectOption(String(i));
        await expect(page.locator('.oms-chart')).toBeVisible();
        await expectCleanLayout(page, `${m.id} ${width} ${lang}`);
        if (lang === 'en' && (width === 320 || width === 1280)) {
          await page.screenshot({ path: `${shots}/metric-${m.id}-${width}.png`, fullPage: true });
        }
      }
    }
  }
});

test('table and sources views, light and dark', async ({ page }) => {
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const lang of ['it', 'en']) {
        await page.goto(`./?lang=${lang}`);
        await expect(page.locator('.oms-chart')).toBeVisible();
        for (const [n, view] of [[1, 'table'], [2, 'sources']]) {
          await page.locator('.oms-tab').nth(n).click();
          await expectCleanLayout(page, `${view} ${width} ${scheme} ${lang}`);
          await page.screenshot({ path: `${shots}/${view}-${width}-${scheme}-${lang}.png`, fullPage: true });
        }
      }
    }
  }
});

test('a tooltip, by hover, at 320 and 1280 px', async ({ page }) => {
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 700 });
    await page.goto('./?lang=en');
    await page.locator('.oms-mark[data-key="us"] .oms-bar__fill').hover();
    await expect(page.getByRole('tooltip')).toBeVisible();
    await page.waitForTimeout(50);
    await page.screenshot({ path: `${shots}/tooltip-${width}.png` });
  }
});
