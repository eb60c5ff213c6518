// The benchmark: the release widget (dist/) against a hand-written SVG page of the same headline
// chart (bench/floor/, the floor), both served with brotli on 127.0.0.1 and loaded cold in headless
// Chromium, alternating, at normal speed and with the CPU throttled 4x. Prints medians and ratios.
//   node bench/run.mjs [--runs 9] [--latency MS] [--page en/hf-download-share-by-developer-country/chart.html] [--query ""]
//   node bench/run.mjs --sweep [--runs 9]
// --sweep loads the computed series (tests/fixtures/valid-computed.json, six lines of 20 months)
// and moves the pointer across the middle of its plot (12–88 % of its width, at mid-height, where
// no point is): every move must open the nearest date's tooltip. Its floor is a hand-written SVG
// page of the same series (bench/floor-timeline/) with a guide and the same tooltip of every
// group at the nearest month.
// --latency adds a round-trip delay to every request (DevTools network emulation), as a real network
// would; --page is the prerendered page loaded ("" loads index.html, drawn by the wasm alone);
// --query is added to its URL.
// "Chart painted": the widget's first-contentful-paint (its first paint holds the complete chart);
// for a chart drawn by script (the floor; the widget's index.html), the frame after its drawn mark.
// "Interactive": the widget's open-model-share:interactive mark (tooltips answer); the floor's drawn.
// Long tasks are counted before the first contentful paint (loading the page) and after it (for
// the widget: the app loading and taking over).
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
};
const runs = Number(option('--runs', 9));
const latency = Number(option('--latency', 0));
const sweep = process.argv.includes('--sweep');
const pagePath = sweep ? '' : option('--page', 'en/hf-download-share-by-developer-country/chart.html');
const query = sweep
  ? 'lang=en&metric=computed-download-share-by-country-group&data=../../fixtures/valid-computed.json'
  : option('--query', pagePath ? '' : 'lang=en');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };
const cache = new Map();

function serve(mounts) {
  return new Promise((done) => {
    const server = createServer((req, res) => {
      const url = new URL(req.url, 'http://127.0.0.1');
      const mount = mounts.find((m) => url.pathname.startsWith(m.prefix));
      if (!mount) return res.writeHead(404).end();
      let rel = url.pathname.slice(mount.prefix.length) || 'index.html';
      if (rel.endsWith('/')) rel += 'index.html';
      const file = normalize(join(mount.dir, rel));
      if (!file.startsWith(mount.dir) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
      if (!cache.has(file)) {
        cache.set(file, brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
      const body = cache.get(file);
      res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream', 'content-encoding': 'br', 'content-length': body.length, 'cache-control': 'no-store' });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => done(server));
  });
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

// In every page: long tasks, pointer-move-to-tooltip-painted latencies, and when a chart drawn by
// script is painted (the frame after its drawn mark).
const probe = () => {
  window.__long = [];
  window.__lat = [];
  const mark = performance.mark.bind(performance);
  performance.mark = (name, options) => {
    const entry = mark(name, options);
    if (name === 'open-model-share:drawn' && window.__painted === undefined) {
      window.__painted = null;
      requestAnimationFrame(() => setTimeout(() => { window.__painted = performance.now(); }, 0));
    }
    return entry;
  };
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push([e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
  let last = 0;
  // A move into another element dispatches pointerover before pointermove: both start the clock.
  for (const type of ['pointerover', 'pointermove']) addEventListener(type, (e) => { last = e.timeStamp; }, true);
  new MutationObserver(() => {
    const t = last;
    // The tooltip counts once it can be seen (not merely inserted while hidden to be measured).
    const tip = document.querySelector('[role=tooltip]');
    if (!t || !tip || tip.hidden || getComputedStyle(tip).visibility !== 'visible') return;
    requestAnimationFrame(() => setTimeout(() => { window.__lat.push(performance.now() - t); }, 0));
    last = 0;
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
};

async function measure(browser, url, throttle, widget) {
  const context = await browser.newContext({ viewport: { width: 640, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(probe);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  if (latency > 0) {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
  }
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.goto(url);
  const mark = (name) => page
    .waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: 30000 })
    .then(() => page.evaluate((n) => performance.getEntriesByName(n)[0].startTime, name));
  const drawn = await mark('open-model-share:drawn');
  const fcp = await mark('first-contentful-paint');
  // The widget starts when the browser is idle (or at the reader's first move).
  const interactive = widget ? await mark('open-model-share:interactive') : drawn;
  await page.waitForFunction(() => typeof window.__painted === 'number');
  const painted = widget && pagePath ? fcp : await page.evaluate(() => window.__painted);
  if (sweep) {
    // 20 moves across the middle of the plot, back and forth.
    const plot = await page.locator(widget ? '.oms-plot' : 'svg.plot').boundingBox();
    for (let i = 0; i < 20; i++) {
      const k = i % 10;
      const part = 0.12 + (0.76 * (i < 10 ? k : 9 - k)) / 9;
      await page.mouse.move(plot.x + plot.width * part, plot.y + plot.height / 2 + 7);
      await page.waitForTimeout(60);
    }
  } else {
    // 20 moves between the first two bars.
    const bars = page.locator(widget ? '.oms-bar__fill:last-of-type' : 'svg rect:nth-of-type(2)');
    const a = await bars.nth(0).boundingBox();
    const b = await bars.nth(1).boundingBox();
    for (let i = 0; i < 20; i++) {
      const r = i % 2 ? b : a;
      await page.mouse.move(r.x + 3 + (i % 5), r.y + r.height / 2);
      await page.waitForTimeout(60);
    }
  }
  await page.waitForTimeout(200);
  const r = await page.evaluate(() => ({
    lat: window.__lat,
    long: window.__long,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
    heap: performance.memory ? performance.memory.usedJSHeapSize : NaN,
    wasm: globalThis.omsWasmMemory ? globalThis.omsWasmMemory.buffer.byteLength : 0,
  }));
  await context.close();
  // Long tasks before the first paint (loading the page) and after it (the app loading and taking over).
  const before = r.long.filter(([start]) => start < r.fcp).map(([, d]) => d);
  const after = r.long.filter(([start]) => start >= r.fcp).map(([, d]) => d);
  return {
    bytes, painted, interactive, latency: median(r.lat), moves: r.lat.length, heap: r.heap, wasm: r.wasm,
    longBefore: before.length, long: after.length, longest: Math.max(0, ...after),
  };
}

const dist = resolve(root, 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('bench: build first (trunk build --release)');
  process.exit(1);
}
const server = await serve([
  { prefix: '/fixtures/', dir: join(root, 'tests/fixtures') },
  { prefix: '/widgets/oms/', dir: dist },
  { prefix: '/floor/data/', dir: join(dist, 'data') },
  { prefix: '/floor/', dir: join(here, 'floor') },
  { prefix: '/floor-timeline/', dir: join(here, 'floor-timeline') },
]);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
});
const rows = [];
for (const throttle of [1, 4]) {
  const results = { widget: [], floor: [] };
  for (let i = 0; i < runs; i++) {
    const widgetPath = `/widgets/oms/${pagePath}${query ? `?${query}` : ''}`;
    const floorPath = sweep ? '/floor-timeline/' : '/floor/';
    for (const [name, path] of i % 2 ? [['floor', floorPath], ['widget', widgetPath]] : [['widget', widgetPath], ['floor', floorPath]]) {
      results[name].push(await measure(browser, base + path, throttle, name === 'widget'));
    }
  }
  const med = (name, key) => median(results[name].map((r) => r[key]));
  for (const [key, label, unit, digits] of [
    ['bytes', 'transferred', 'KB', 1],
    ['painted', 'navigation to complete chart painted', 'ms', 0],
    ['interactive', 'navigation to interactive', 'ms', 0],
    ['latency', 'pointer move to tooltip painted', 'ms', 1],
    ['moves', 'moves that opened a tooltip (of 20)', '', 0],
    ['longBefore', 'long tasks (over 50 ms) before the first paint', '', 0],
    ['long', 'long tasks (over 50 ms) after it', '', 0],
    ['longest', 'longest task after the first paint', 'ms', 0],
    ['heap', 'JS heap', 'MB', 2],
    ['wasm', 'wasm memory', 'MB', 2],
  ]) {
    const scale = unit === 'KB' ? 1 / 1000 : unit === 'MB' ? 1 / 1e6 : 1;
    const w = med('widget', key) * scale, f = med('floor', key) * scale;
    rows.push(`| ${throttle}x | ${label} | ${w.toFixed(digits)} ${unit} | ${f.toFixed(digits)} ${unit} | ${f ? (w / f).toFixed(2) + 'x' : '—'} |`);
  }
}
const conditions = latency > 0 ? `, ${latency} ms added to every request` : '';
console.log(`Medians of ${runs} cold loads each, alternating (Chromium, 640 px wide, brotli from 127.0.0.1${conditions}; widget ${pagePath || 'index.html'}${query ? `?${query}` : ''}):\n`);
console.log('| CPU | measure | widget | floor (hand-written SVG) | ratio |');
console.log('|---|---|---:|---:|---:|');
console.log(rows.join('\n'));
await browser.close();
server.close();
