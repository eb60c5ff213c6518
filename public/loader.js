// Starts the widget from an external module (no inline script, so a strict Content-Security-Policy
// with only 'wasm-unsafe-eval' works). Trunk writes the hashed file names on this script's tag.
// If the widget cannot start, the static fallback from the page's <noscript> is shown instead.
const tag = document.querySelector('script[data-oms-js]');
const fail = (error) => {
  console.error('open-model-share: the widget could not start', error);
  const fallback = document.getElementById('oms-fallback');
  if (fallback && !document.querySelector('.oms-fallback')) {
    const box = document.createElement('div');
    box.innerHTML = fallback.textContent;
    document.body.prepend(box);
  }
};
// The bundled snapshot downloads alongside the wasm instead of after it starts (the widget's own
// request then finds it in the preload cache); not when the page names another snapshot.
if (!new URLSearchParams(location.search).has('data')) {
  const preload = document.createElement('link');
  preload.rel = 'preload';
  preload.as = 'fetch';
  preload.crossOrigin = 'anonymous';
  preload.href = new URL('data/snapshot.json', document.baseURI).href;
  document.head.append(preload);
}
if (!tag) {
  fail('no loader tag');
} else {
  import(new URL(tag.dataset.omsJs, document.baseURI).href)
    .then((glue) => glue.default({ module_or_path: new URL(tag.dataset.omsWasm, document.baseURI).href }))
    .then((wasm) => {
      // For the benchmark (bench/run.mjs), which reports the wasm memory.
      globalThis.omsWasmMemory = wasm.memory;
    })
    .catch(fail);
}
