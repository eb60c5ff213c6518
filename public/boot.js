// Open Model Share, the boot script: a small classic script in <head> (no inline script, so a
// strict CSP works), run before the page paints.
// - The theme (`theme=light|dark`; `auto` follows the system) and `plain=1`, set before the first
//   paint, so the page never shows another theme first.
// - A prerendered page asked for another snapshot (`data=`): index.html shows it instead.
// - Height messages to the host page from the first layout on, and the host's set-theme message
//   (both as DESIGN.md describes them).
// - Starts the widget: on index.html once the page is read; on a prerendered page, complete without
//   it, when the browser is idle after the first paint, or at the reader's first intent, whichever
//   comes first. Until then the page's own controls lead to the prerendered page they ask for.
(() => {
  const root = document.documentElement;
  const tag = document.currentScript;
  const query = new URLSearchParams(location.search);
  const page = root.dataset.omsPage; // "lang/metric/view.html" on a prerendered page
  const url = (path) => new URL(path, document.baseURI).href;
  if (page && query.has('data')) {
    const [lang, metric, view] = page.replace(/\.html$/, '').split('/');
    query.set('lang', lang);
    query.set('metric', metric);
    query.set('view', view);
    location.replace(`${url(tag.dataset.omsIndex)}?${query}`);
    return;
  }
  const themes = ['light', 'dark', 'auto'];
  const theme = query.get('theme');
  root.dataset.theme = themes.includes(theme) ? theme : 'auto';
  if (query.get('plain') === '1') root.classList.add('oms-plain');

  if (window.parent !== window) {
    const id = (name) => {
      const v = query.get(name);
      return v && /^[A-Za-z0-9._:-]{1,64}$/.test(v) ? v : null;
    };
    const embed = id('id');
    const child = id('childId');
    let last = 0;
    const post = () => {
      const height = Math.ceil(document.body.getBoundingClientRect().height);
      if (!(height > 0) || height === last) return;
      last = height;
      const to = window.parent;
      to.postMessage({ type: 'open-model-share:height', version: 1, id: embed, height }, '*');
      to.postMessage({ 'datawrapper-height': { [embed ?? 'open-model-share']: height } }, '*');
      to.postMessage({ sentinel: 'amp', type: 'embed-size', height }, '*');
      if (child) to.postMessage(`pymxPYMx${child}xPYMxheightxPYMx${height}`, '*');
    };
    document.addEventListener('DOMContentLoaded', () => new ResizeObserver(post).observe(document.body));
    addEventListener('message', (e) => {
      const d = e.data;
      if (e.source === window.parent && d && typeof d === 'object' && d.type === 'open-model-share:set-theme'
        && d.version === 1 && themes.includes(d.theme)) root.dataset.theme = d.theme;
    });
  }

  let started = false;
  const fail = (error) => {
    console.error('open-model-share: the widget could not start', error);
    // index.html has nothing but the widget: it shows its no-JavaScript block instead.
    const fallback = document.getElementById('oms-fallback');
    if (!page && fallback && !document.querySelector('.oms-fallback')) {
      const box = document.createElement('div');
      box.innerHTML = fallback.textContent;
      document.body.prepend(box);
    }
  };
  const start = () => {
    if (started) return;
    // The widget looks for the page's <main>: not before the page has been read whole.
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', start, { once: true });
      return;
    }
    started = true;
    // The bundled snapshot downloads alongside the wasm (the widget's own request then finds it in
    // the preload cache); not when the page names another snapshot.
    if (!query.has('data')) {
      const preload = document.createElement('link');
      preload.rel = 'preload';
      preload.as = 'fetch';
      preload.crossOrigin = 'anonymous';
      preload.href = url(`${page ? '../../' : ''}data/snapshot.json`);
      document.head.append(preload);
    }
    import(url(tag.dataset.omsJs))
      .then((glue) => glue.default({ module_or_path: url(tag.dataset.omsWasm) }))
      .then((wasm) => {
        // For the benchmark (bench/run.mjs), which reports the wasm memory.
        globalThis.omsWasmMemory = wasm.memory;
      })
      .catch(fail);
  };
  if (!page) {
    start();
    return;
  }
  for (const type of ['pointerover', 'pointerdown', 'touchstart', 'focusin', 'keydown']) {
    addEventListener(type, start, { capture: true, passive: true, once: true });
  }
  // Never before the page's first paint, which needs nothing of it.
  const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(start, { timeout: 2000 }) : setTimeout(start, 200));
  if (window.PerformanceObserver && (PerformanceObserver.supportedEntryTypes || []).includes('paint')) {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName('first-contentful-paint').length) {
        observer.disconnect();
        idle();
      }
    }).observe({ type: 'paint', buffered: true });
  } else {
    addEventListener('load', idle);
  }
  // Before the widget has taken over, the view buttons and the measure lead to their pages.
  const live = () => root.hasAttribute('data-oms-live');
  const go = (path) => { location.href = path + location.search; };
  addEventListener('click', (e) => {
    const view = !live() && e.target.closest && e.target.closest('[data-view]');
    if (view) go(`${view.dataset.view}.html`);
  });
  addEventListener('change', (e) => {
    const select = !live() && e.target.closest && e.target.closest('.oms-select');
    const option = select && select.selectedOptions[0];
    if (option) go(`../${option.dataset.id}/${page.split('/')[2]}`);
  });
})();
