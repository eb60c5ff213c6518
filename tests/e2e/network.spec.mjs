// Network faults, automatic retries, the last good copy, untrusted text, and a soak test.
// Time is driven by Playwright's clock, so the 10 s limit and the retry delays pass in an instant.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostPage } from './playwright.config.mjs';
import { WidgetPage } from './widget-page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bundled = readFileSync(resolve(here, '../../public/data/snapshot.json'), 'utf8');
const SNAPSHOT = '**/data/snapshot.json*';

/** Counts the snapshot requests and answers them with `answer(n)` (n from 1). */
async function serveSnapshot(page, answer) {
  const count = { n: 0 };
  await page.route(SNAPSHOT, (route) => {
    count.n += 1;
    return answer(count.n, route);
  });
  return count;
}

/** Lets the page's timers run `ms` ahead, in steps, so each retry gets its turn. */
async function advance(page, ms) {
  for (let t = 0; t < ms; t += 500) {
    await page.clock.runFor(500);
    await page.waitForTimeout(5);
  }
}

test('404: its own message at once, no retry', async ({ page }) => {
  const widget = new WidgetPage(page);
  const count = await serveSnapshot(page, (_, route) => route.fulfill({ status: 404, body: 'no' }));
  await widget.goto('?lang=en');
  await expect(widget.errorAlert()).toContainText('HTTP status 404');
  expect(count.n).toBe(1);
  await expect(widget.retryButton('Try again')).toBeVisible();
});

test('500: retried three times with backoff, then its own message', async ({ page }) => {
  await page.clock.install();
  const widget = new WidgetPage(page);
  const count = await serveSnapshot(page, (_, route) => route.fulfill({ status: 500, body: 'oops' }));
  await widget.goto('?lang=en');
  await advance(page, 4000);
  await expect(widget.errorAlert()).toContainText('HTTP status 500');
  expect(count.n).toBe(4);
  await expect(widget.chart()).toHaveCount(0);
});

test('a transient 503 recovers by itself', async ({ page }) => {
  await page.clock.install();
  const count = await serveSnapshot(page, (n, route) =>
    n === 1 ? route.fulfill({ status: 503, body: 'busy' }) : route.fulfill({ status: 200, contentType: 'application/json', body: bundled }),
  );
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await advance(page, 1000);
  await expect(widget.barValues().first()).toHaveText('17.1\u202f%');
  expect(count.n).toBe(2);
  await expect(widget.errorAlert()).toHaveCount(0);
});

test('a server that never answers times out after 10 s', async ({ page }) => {
  await page.clock.install();
  await serveSnapshot(page, () => new Promise(() => {}));
  const widget = new WidgetPage(page);
  await widget.goto('?lang=it');
  await advance(page, 4 * 10_000 + 4000);
  await expect(widget.errorAlert()).toContainText('nessuna risposta completa entro 10 secondi');
});

test('a body that trickles in times out too', async ({ page }) => {
  await page.clock.install();
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en&data=data/snapshot.json%3Fslow%3D1');
  await advance(page, 4 * 10_000 + 4000);
  await expect(widget.errorAlert()).toContainText('no complete answer within 10 seconds');
});

test('a truncated body is reported as a damaged file', async ({ page }) => {
  await serveSnapshot(page, (_, route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: bundled.slice(0, bundled.length / 2) }),
  );
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.errorAlert()).toContainText('The data file is damaged: it is not valid JSON.');
  await expect(widget.chart()).toHaveCount(0);
});

test('an HTML page instead of JSON says so', async ({ page }) => {
  await serveSnapshot(page, (_, route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Login</title><p>Please sign in</p>' }),
  );
  const widget = new WidgetPage(page);
  await widget.goto('?lang=zh');
  await expect(widget.errorAlert()).toContainText('服务器发送的是网页而不是数据文件');
});

test('a CORS refusal is a network failure, and no chart shows', async ({ page }) => {
  await page.clock.install();
  // The test build allows the host page's origin; its server answers ?nocors without CORS headers.
  const foreign = `${hostPage}?nocors=1`;
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const widget = new WidgetPage(page);
  await widget.goto(`?lang=en&data=${encodeURIComponent(foreign)}`);
  await advance(page, 4000);
  await expect(widget.errorAlert()).toContainText('the network request failed');
  await expect(widget.chart()).toHaveCount(0);
  // (gloo-net may append an empty query part: compare by prefix.)
  expect(requests.filter((u) => u.startsWith(foreign)).length, 'the request was made, and retried').toBe(4);
});

test('offline: a network failure after the retries', async ({ page }) => {
  await page.clock.install();
  await serveSnapshot(page, (_, route) => route.abort('internetdisconnected'));
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await advance(page, 4000);
  await expect(widget.errorAlert()).toContainText('the network request failed');
});

test('the last good copy is shown, marked stale, when loading fails; a broken copy is discarded', async ({ page }) => {
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.barValues().first()).toHaveText('17.1\u202f%');
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('open-model-share:last-good:')));
  expect(keys).toHaveLength(2);
  // Now the server fails: the saved copy is shown, marked as stale with its date.
  await page.clock.install();
  await serveSnapshot(page, (_, route) => route.fulfill({ status: 500, body: 'down' }));
  await page.reload();
  await advance(page, 4000);
  const stale = widget.staleNotice();
  await expect(stale).toContainText('Showing the data saved on this device (data as of 29\u00a0Nov\u00a02026)');
  await expect(stale).toContainText('HTTP status 500');
  await expect(widget.barValues().first()).toHaveText('17.1\u202f%');
  // An invalid snapshot from the server does not replace the good copy either.
  await page.unroute(SNAPSHOT);
  await serveSnapshot(page, (_, route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"format_version": "1.0"}' }));
  await page.reload();
  await expect(widget.staleNotice()).toContainText('The data file has problems');
  await expect(widget.barValues().first()).toHaveText('17.1\u202f%');
  // A saved copy that was tampered with no longer matches its hash: discarded, the error shows.
  await page.evaluate(() => {
    const k = Object.keys(localStorage).find((x) => x.endsWith(':text'));
    localStorage.setItem(k, localStorage.getItem(k).replace('17.1', '71.1'));
  });
  await page.reload();
  await expect(widget.errorAlert()).toContainText('The data file has problems');
  await expect(widget.chart()).toHaveCount(0);
  expect(await page.evaluate(() => Object.keys(localStorage).length)).toBe(0);
});

test('snapshot strings are shown as text, never as markup or script', async ({ page }) => {
  const hostile = JSON.parse(bundled);
  hostile.series.find((s) => s.id === 'china').label.en = '<img src=x onerror="window.__pwned=1">China';
  hostile.metrics[0].label.en = '<b>bold</b> label';
  await page.route(SNAPSHOT, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(hostile) }));
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.barLabels().first()).toHaveText('<img src=x onerror="window.__pwned=1">China');
  await expect(widget.subtitle()).toContainText('<b>bold</b> label');
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.locator('main img, main b').count()).toBe(0);
});

test('soak: 10,000 pointer moves over the chart, heap growth under 10 %, no console error', async ({ page }) => {
  // 10,500 moves take about three minutes of Playwright round trips alone: room for a busy machine.
  test.setTimeout(300_000);
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const widget = new WidgetPage(page);
  await widget.goto('?lang=en');
  await expect(widget.chart()).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const box = await widget.chart().boundingBox();
  const sweep = async (n) => {
    for (let i = 0; i < n; i++) {
      await page.mouse.move(box.x + ((i * 37) % box.width), box.y + ((i * 53) % box.height));
    }
  };
  await sweep(500); // warm up
  const before = await heap();
  await sweep(10_000);
  const after = await heap();
  expect((after - before) / before, `heap ${before} -> ${after}`).toBeLessThan(0.1);
  expect(errors).toEqual([]);
});
