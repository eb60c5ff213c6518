// Reading a chart over time: a pointer anywhere over the plot answers with the nearest date (a
// vertical guide, one tooltip listing every series at that date, highest first); a finger
// pressed and dragged scrubs through the dates and the tooltip stays until a tap elsewhere; the
// keyboard moves by date (left, right, Home, End) and across the series (up, down), and the live
// region reads the date once, then the values. The same for the sourced dated points.
// The series is tests/fixtures/valid-computed.json (synthetic test data, never shipped).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations } from './axe.mjs';
import { WidgetPage } from './widget-page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const shots = resolve(here, 'artifacts/screenshots');
const fixturePath = resolve(here, '../fixtures/valid-computed.json');
const fixture = JSON.parse(readFileSync(fixturePath, 'utf8'));
const METRIC = 'computed-download-share-by-country-group';
const metric = fixture.metrics.find((m) => m.id === METRIC);
const groups = new Set(metric.values.map((v) => v.series)).size;

test.beforeEach(async ({ page }) => {
  await page.route('**/data/snapshot.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', path: fixturePath }),
  );
});

const interactive = (page) =>
  page.waitForFunction(() => performance.getEntriesByName('open-model-share:interactive').length > 0, null, {
    timeout: 15_000,
  });

/** The dates of the chart: each with its centre (px) and its label (from the marks' names). */
function dates(page) {
  return page.evaluate(() => {
    const out = new Map();
    for (const mark of document.querySelectorAll('.oms-plot .oms-mark')) {
      const r = mark.querySelector('.oms-point').getBoundingClientRect();
      const x = Math.round((r.left + r.width / 2) * 10) / 10;
      const label = mark.getAttribute('aria-label');
      out.set(x, label.slice(label.lastIndexOf(', ') + 2));
    }
    return [...out.entries()].map(([x, when]) => ({ x, when })).sort((a, b) => a.x - b.x);
  });
}

/** What the tooltip and the guide show now. */
function reading(page) {
  return page.evaluate(() => {
    const tip = document.querySelector('[role=tooltip]');
    // The guide is a box over the plot with its line at its left edge.
    const guide = document.querySelector('.oms-guide line');
    const g = guide.getBoundingClientRect();
    return {
      shown: !tip.hidden,
      title: tip.querySelector('.oms-tooltip__title').textContent,
      rows: [...tip.querySelectorAll('.oms-tooltip__row')].map((li) => ({
        label: li.querySelector('.oms-tooltip__label').textContent,
        value: li.querySelector('.oms-tooltip__figure').textContent,
        focused: li.classList.contains('oms-tooltip__row--focused'),
        tone: li.dataset.tone,
        totals: li.querySelector('.oms-tooltip__row-totals')?.textContent ?? null,
      })),
      guide: getComputedStyle(guide).visibility === 'visible' ? g.left + g.width / 2 : null,
      box: (({ left, top, right, bottom }) => ({ left, top, right, bottom }))(tip.getBoundingClientRect()),
    };
  });
}

const number = (v) => Number(v.replace(/[^\d,.-]/g, '').replace(',', '.'));

test('a pointer anywhere across the plot shows the nearest date, every series, and a guide', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto(`?lang=en&metric=${METRIC}`);
  await interactive(page);
  const plot = await page.locator('.oms-plot').boundingBox();
  const all = await dates(page);
  expect(all.length).toBe(metric.values.length / groups);
  // Ten moves across 12–88 % of the plot at mid-height, where no point is: each answers.
  for (let k = 0; k < 10; k++) {
    const x = plot.x + plot.width * (0.12 + (0.76 * k) / 9);
    await page.mouse.move(x, plot.y + plot.height / 2 + 40);
    const nearest = all.reduce((a, b) => (Math.abs(b.x - x) < Math.abs(a.x - x) ? b : a));
    const r = await reading(page);
    expect(r.shown, `move ${k}`).toBe(true);
    expect(r.title).toBe(nearest.when);
    expect(r.rows).toHaveLength(groups);
    const values = r.rows.map((row) => number(row.value));
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    expect(r.rows.every((row) => row.totals && / of /.test(row.totals))).toBe(true);
    // Each row keeps its series' colour as the order changes from date to date.
    expect(r.rows.find((row) => row.label === 'China').tone).toBe('china');
    expect(r.rows.find((row) => row.label === 'United States').tone).toBe('us');
    // A pointer chooses a date, not a series: no row stands out.
    expect(r.rows.some((row) => row.focused), `move ${k}`).toBe(false);
    expect(Math.abs(r.guide - nearest.x)).toBeLessThan(1.5);
  }
  // From one date to the next the tooltip's texts are written into the nodes that hold them:
  // no node is made again.
  const before = await page.evaluate(() => {
    window.__title = document.querySelector('.oms-tooltip__title').firstChild;
    window.__figure = document.querySelector('.oms-tooltip__figure').firstChild;
    return [window.__title.data, window.__figure.data];
  });
  await page.mouse.move(plot.x + plot.width * 0.3, plot.y + plot.height / 2 + 40);
  expect(await page.evaluate(([title, figure]) => {
    const t = document.querySelector('.oms-tooltip__title').firstChild;
    const f = document.querySelector('.oms-tooltip__figure').firstChild;
    return { same: t === window.__title && f === window.__figure, changed: t.data !== title && f.data !== figure };
  }, before)).toEqual({ same: true, changed: true });
  // Over a point too the plot answers, with the point's date: one shape over the plot takes
  // the pointer, not the points under it.
  const point = await page.locator('.oms-plot .oms-mark').nth(3 * groups + 1).locator('.oms-point__hit').boundingBox();
  const at = { x: point.x + point.width / 2, y: point.y + point.height / 2 };
  expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y).getAttribute('class'), at)).toBe('oms-plot__cover');
  await page.mouse.move(at.x, at.y);
  expect((await reading(page)).title).toBe(all.reduce((a, b) => (Math.abs(b.x - at.x) < Math.abs(a.x - at.x) ? b : a)).when);
  // Leaving the plot closes it.
  await page.mouse.move(plot.x + plot.width / 2, plot.y - 120);
  await expect(widget.tooltip()).toBeHidden();
  expect((await reading(page)).guide).toBeNull();
});

test('a finger pressed and dragged scrubs through the dates; a tap elsewhere closes', async ({ browser }) => {
  const context = await browser.newContext({ hasTouch: true, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.route('**/data/snapshot.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', path: fixturePath }),
  );
  const widget = new WidgetPage(page);
  await widget.goto(`?lang=it&metric=${METRIC}`);
  await interactive(page);
  const plot = await page.locator('.oms-plot').boundingBox();
  const all = await dates(page);
  const cdp = await context.newCDPSession(page);
  const y = plot.y + plot.height / 2;
  const touch = (type, x) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  await touch('touchStart', plot.x + plot.width * 0.2);
  for (const part of [0.3, 0.45, 0.6, 0.8]) {
    const x = plot.x + plot.width * part;
    await touch('touchMove', x);
    const nearest = all.reduce((a, b) => (Math.abs(b.x - x) < Math.abs(a.x - x) ? b : a));
    await expect.poll(async () => (await reading(page)).title).toBe(nearest.when);
  }
  await touch('touchEnd');
  // Lifted: it stays.
  await page.waitForTimeout(300);
  const after = await reading(page);
  expect(after.shown).toBe(true);
  expect(after.rows).toHaveLength(groups);
  // A tap elsewhere (the title) closes it.
  await page.touchscreen.tap(20, 20);
  await expect(widget.tooltip()).toBeHidden();
  // A tap on the plot, off every point, opens its nearest date.
  await page.touchscreen.tap(plot.x + plot.width * 0.5, y + 30);
  await expect(widget.tooltip()).toBeVisible();
  await context.close();
});

test('the keyboard moves by date and across the series; the date is read once, then the values', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto(`?lang=en&metric=${METRIC}`);
  await interactive(page);
  const all = await dates(page);
  const focused = () => page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  await widget.markAt(0).focus();
  const start = await focused();
  const series = start.slice(0, start.indexOf(':'));
  expect((await reading(page)).title).toBe(all[0].when);
  // Right: the next date, the same series.
  await page.keyboard.press('ArrowRight');
  expect(await focused()).toMatch(new RegExp(`^${series}: .*, ${all[1].when}$`));
  // The focused point shows a ring (its hit area's outline); the others none.
  const rings = await page.evaluate(() =>
    [...document.querySelectorAll('.oms-plot .oms-point__hit')].map((c) => {
      const s = getComputedStyle(c);
      return { focused: c.parentElement === document.activeElement, ring: s.stroke !== 'none' && parseFloat(s.strokeWidth) >= 2 };
    }),
  );
  expect(rings.filter((c) => c.ring)).toEqual([{ focused: true, ring: true }]);
  let r = await reading(page);
  expect(r.title).toBe(all[1].when);
  expect(r.rows.find((row) => row.focused).label).toBe(series);
  // Down: the next series at that date, in the tooltip's order.
  const order = r.rows.map((row) => row.label);
  const k = order.indexOf(series);
  await page.keyboard.press('ArrowDown');
  r = await reading(page);
  expect(r.title).toBe(all[1].when);
  const below = order[Math.min(k + 1, order.length - 1)];
  expect(r.rows.find((row) => row.focused).label).toBe(below);
  expect(await focused()).toMatch(new RegExp(`^${below}: `));
  // The live region: the date once, then every series and its value.
  const live = page.locator('[aria-live="polite"]').first();
  const said = await live.textContent();
  expect(said.startsWith(`${all[1].when}: `)).toBe(true);
  expect(said.split(all[1].when).length - 1).toBe(1);
  for (const row of r.rows) expect(said).toContain(`${row.label} ${row.value}`);
  // End and Home: the last and the first date; Escape closes.
  await page.keyboard.press('End');
  expect((await reading(page)).title).toBe(all.at(-1).when);
  await page.keyboard.press('Home');
  expect((await reading(page)).title).toBe(all[0].when);
  await page.keyboard.press('Escape');
  await expect(widget.tooltip()).toBeHidden();
});

test('sourced dated points answer with the nearest date too', async ({ page }) => {
  const widget = new WidgetPage(page);
  await page.unroute('**/data/snapshot.json');
  await widget.goto('?lang=it&metric=openrouter-top10-token-share');
  await interactive(page);
  const plot = await page.locator('.oms-plot').boundingBox();
  const all = await dates(page);
  expect(all).toHaveLength(2);
  const middle = (all[0].x + all[1].x) / 2;
  await page.mouse.move(middle - 10, plot.y + plot.height - 20);
  expect((await reading(page)).title).toBe(all[0].when);
  await page.mouse.move(middle + 10, plot.y + 20);
  const r = await reading(page);
  expect(r.title).toBe(all[1].when);
  expect(r.rows).toHaveLength(1);
});

for (const width of [320, 1280]) {
  test(`the tooltip covers none of the values at its date (${width} px); screenshots`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const widget = new WidgetPage(page);
    for (const lang of ['it', 'en']) {
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await widget.goto(`?lang=${lang}&metric=${METRIC}`);
        await interactive(page);
        const plot = await page.locator('.oms-plot').boundingBox();
        for (const part of [0.15, 0.5, 0.85]) {
          await page.mouse.move(plot.x + plot.width * part, plot.y + plot.height / 2);
          const r = await reading(page);
          expect(r.shown).toBe(true);
          const covered = await page.evaluate(({ guide, box }) =>
            [...document.querySelectorAll('.oms-plot .oms-point')]
              .map((p) => {
                // A point is a line of no length drawing its marker: the marker's shape is
                // around the line's place.
                const at = p.getBoundingClientRect();
                const shape = document.querySelector(`${p.getAttribute('marker-start').slice(4, -1)} path`).getBBox();
                return new DOMRect(at.left + shape.x, at.top + shape.y, shape.width, shape.height);
              })
              .filter((p) => Math.abs(p.left + p.width / 2 - guide) < 1.5)
              .filter((p) => p.left < box.right && box.left < p.right && p.top < box.bottom && box.top < p.bottom).length,
          { guide: r.guide, box: r.box });
          expect(covered, `${lang} ${scheme} at ${part}`).toBe(0);
          if (part === 0.5) {
            await page.screenshot({ path: `${shots}/reading-${width}-${lang}-${scheme}.png`, fullPage: true });
          }
        }
      }
    }
  });
}

test('listen: no sound before the reader asks; the mapping and each series are said; Escape stops', async ({ page }) => {
  // Count the audio contexts the page makes.
  await page.addInitScript(() => {
    window.__audio = 0;
    const Real = window.AudioContext;
    window.AudioContext = class extends Real {
      constructor(...args) {
        super(...args);
        window.__audio += 1;
      }
    };
  });
  const widget = new WidgetPage(page);
  await widget.goto(`?lang=en&metric=${METRIC}`);
  await interactive(page);
  const button = page.getByRole('button', { name: 'Listen to the chart' });
  await expect(button).toBeVisible();
  await expect(button).toHaveAccessibleDescription(/higher the figure, the higher the pitch/);
  await expect(button).toHaveAccessibleDescription(/China on the left, in a soft tone; United States on the right, in a bright tone/);
  expect(await page.evaluate(() => window.__audio)).toBe(0);
  // The mapping is read with the button; it is shown while it plays.
  const help = page.locator('.oms-listen__help');
  expect((await help.boundingBox()).width).toBeLessThanOrEqual(1);
  await button.focus();
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => window.__audio)).toBe(1);
  const stop = page.getByRole('button', { name: 'Stop' });
  await expect(stop).toBeVisible();
  expect((await help.boundingBox()).width).toBeGreaterThan(100);
  // Said before it plays: the mapping, then the first series.
  const live = page.locator('[aria-live="polite"]').first();
  await expect(live).toContainText('Each figure is a tone');
  await expect(live).toContainText(/China$/);
  // The second series is named as it starts.
  await expect(live).toHaveText('United States', { timeout: 8000 });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Listen to the chart' })).toBeVisible();
  await expect(live).toHaveText('');
  expect((await help.boundingBox()).width).toBeLessThanOrEqual(1);
});

test('listen: bars play one tone per bar; the button waits for the app on the first view', async ({ page }) => {
  await page.unroute('**/data/snapshot.json');
  await page.route('**/*_bg.wasm', (route) => route.abort());
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto('./it/hf-download-share-by-developer-country/chart.html');
  // Without the app it is not offered (invisible, its room kept: nothing moves when it comes),
  // and its room is one line, not a blank paragraph on a phone.
  await expect(page.getByRole('button', { name: 'Ascolta il grafico' })).toBeHidden();
  expect((await page.locator('.oms-listen').boundingBox()).height).toBeLessThanOrEqual(48);
  await page.unroute('**/*_bg.wasm');
  await page.goto('./it/hf-download-share-by-developer-country/chart.html');
  await interactive(page);
  const button = page.getByRole('button', { name: 'Ascolta il grafico' });
  await expect(button).toBeVisible();
  await button.click();
  const live = page.locator('[aria-live="polite"]').first();
  await expect(live).toContainText('Cina a sinistra, con un suono morbido');
  await expect(live).toContainText(/Cina$/);
  await page.getByRole('button', { name: 'Ferma' }).click();
  await expect(page.getByRole('button', { name: 'Ascolta il grafico' })).toBeVisible();
});

/** The chart's marks drawn now (not waiting for a later date), and the frame line. */
function playState(page) {
  return page.evaluate(() => ({
    drawn: [...document.querySelectorAll('.oms-plot .oms-mark')].filter((m) => getComputedStyle(m).visibility !== 'hidden').length,
    frame: document.querySelector('.oms-player__frame').textContent,
    pressed: document.querySelector('[data-action="play"]').getAttribute('aria-pressed'),
    figure: document.querySelector('.oms-figure').innerHTML,
  }));
}

for (const motion of ['no-preference', 'reduce']) {
  test(`play draws the series date by date, the headline following, and ends as the chart was (motion: ${motion})`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: motion });
    const widget = new WidgetPage(page);
    await widget.goto(`?lang=en&metric=${METRIC}`);
    await interactive(page);
    const all = await dates(page);
    const whole = await playState(page);
    expect(whole.drawn).toBe(metric.values.length);
    expect(whole.frame).toMatch(new RegExp(`^China [\\d.]+\\u202f%, United States [\\d.]+\\u202f%, ${all.at(-1).when}$`));
    // Said once per step: record the live region.
    await page.evaluate(() => {
      window.__said = [];
      const live = document.querySelector('[aria-live="polite"]');
      new MutationObserver(() => window.__said.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
    });
    await page.getByRole('button', { name: 'Play' }).click();
    let now = await playState(page);
    expect(now.pressed).toBe('true');
    expect(now.frame.endsWith(all[0].when)).toBe(true);
    expect(now.drawn).toBe(groups);
    // It moves on, a date at a time.
    await expect.poll(async () => (await playState(page)).frame, { timeout: 5000 }).toContain(all[2].when);
    now = await playState(page);
    expect(now.drawn).toBe(3 * groups);
    // No animation: nothing of the lines layer transitions.
    const moving = await page.evaluate(() => getComputedStyle(document.querySelector('.oms-plot__lines')).transitionDuration);
    expect(moving).toBe('0s');
    // The slider goes to any date (and pauses there); play goes on from it.
    const slider = page.getByRole('slider', { name: 'Date shown' });
    await slider.fill(String(all.length - 3));
    now = await playState(page);
    expect(now.pressed).toBe('false');
    expect(now.frame.endsWith(all.at(-3).when)).toBe(true);
    await expect(slider).toHaveAttribute('aria-valuetext', now.frame);
    await page.getByRole('button', { name: 'Play' }).click();
    // The end: the chart as it was before playing, whole.
    await expect.poll(async () => (await playState(page)).pressed, { timeout: 6000 }).toBe('false');
    const end = await playState(page);
    expect(end.drawn).toBe(metric.values.length);
    expect(end.frame).toBe(whole.frame);
    expect(end.figure).toBe(whole.figure);
    // One polite announcement per step, never the same twice in a row.
    const said = (await page.evaluate(() => window.__said)).filter((t) => t);
    expect(said.length).toBeGreaterThanOrEqual(5);
    expect(said.every((t, k) => k === 0 || t !== said[k - 1])).toBe(true);
    expect(said.every((t) => t.startsWith('China '))).toBe(true);
  });
}

test('the player waits for the app; bars have none', async ({ page }) => {
  await page.route('**/*_bg.wasm', (route) => route.abort());
  await page.unroute('**/data/snapshot.json');
  await page.goto('./en/openrouter-top10-token-share/chart.html');
  await expect(page.getByRole('button', { name: 'Play' })).toBeHidden();
  await page.goto('./en/hf-download-share-by-developer-country/chart.html');
  await expect(page.locator('.oms-player')).toHaveCount(0);
});

for (const scheme of ['light', 'dark']) {
  test(`axe: no violations with the date tooltip, the player and listening (${scheme}); forced colours`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const widget = new WidgetPage(page);
    for (const lang of ['it', 'en', 'zh']) {
      await widget.goto(`?lang=${lang}&metric=${METRIC}`);
      await interactive(page);
      const plot = await page.locator('.oms-plot').boundingBox();
      await page.mouse.move(plot.x + plot.width * 0.6, plot.y + plot.height / 2);
      await expect(widget.tooltip()).toBeVisible();
      expect(await axeViolations(page), `${lang} ${scheme} tooltip`).toEqual([]);
      await page.locator('[data-action="play"]').click();
      expect(await axeViolations(page), `${lang} ${scheme} playing`).toEqual([]);
      await page.keyboard.press('Escape');
    }
    // Forced colours: the guide, the tooltip's rows and the player stay visible.
    await page.emulateMedia({ colorScheme: scheme, forcedColors: 'active' });
    await widget.goto(`?lang=en&metric=${METRIC}`);
    await interactive(page);
    const plot = await page.locator('.oms-plot').boundingBox();
    await page.mouse.move(plot.x + plot.width * 0.4, plot.y + plot.height / 2);
    await expect(page.locator('.oms-guide')).toHaveCSS('visibility', 'visible');
    await expect(page.locator('.oms-tooltip__row')).toHaveCount(groups);
    // The lines take system colours too (the United States' the highlight, as its markers).
    const strokes = await page.evaluate(() => {
      const of = (tone) => getComputedStyle(document.querySelector(`.oms-line[data-tone="${tone}"] .oms-data-line`)).stroke;
      const probe = document.createElement('i');
      document.body.append(probe);
      const system = (c) => { probe.style.color = c; return getComputedStyle(probe).color; };
      const out = { china: of('china') === system('CanvasText'), us: of('us') === system('Highlight') };
      probe.remove();
      return out;
    });
    expect(strokes).toEqual({ china: true, us: true });
    await page.screenshot({ path: `${shots}/reading-forced-${scheme}.png`, fullPage: true });
  });
}
