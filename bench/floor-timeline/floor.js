// The floor of the benchmark's sweep (node bench/run.mjs --sweep): the computed series of the
// test fixture, hand-written in plain JS and SVG: a line per group, a point per month, and over
// the whole plot a guide at the nearest month with one tooltip listing every group there,
// highest first, with its totals. It marks "open-model-share:drawn" like the widget.
fetch('../fixtures/valid-computed.json').then((r) => r.json()).then((s) => {
  const m = s.metrics.find((x) => x.id === 'computed-download-share-by-country-group');
  const label = (id) => s.series.find((x) => x.id === id).label.en;
  const months = [...new Set(m.values.map((v) => v.date))].sort();
  const groups = [...new Set(m.values.map((v) => v.series))];
  document.getElementById('t').textContent = m.label.en;
  const box = document.getElementById('c');
  const w = box.clientWidth, left = 40, right = 120, top = 28, bottom = 230;
  const plot = w - left - right;
  const max = 60;
  const x = (i) => left + (plot * (i + 0.5)) / months.length;
  const y = (v) => top + ((bottom - top) * (max - v)) / max;
  const colors = { china: '#c8500a', us: '#0072b2' };
  let svg = `<svg class="plot" width="${w}" height="260" viewBox="0 0 ${w} 260">`;
  for (const g of groups) {
    const vs = months.map((d) => m.values.find((v) => v.series === g && v.date === d));
    svg += `<path fill="none" stroke="${colors[g] || '#8e86b5'}" stroke-width="2" d="M${vs.map((v, i) => `${x(i)} ${y(v.value)}`).join('L')}"/>`;
    vs.forEach((v, i) => { svg += `<circle cx="${x(i)}" cy="${y(v.value)}" r="3.5" fill="${colors[g] || '#8e86b5'}"/>`; });
  }
  svg += `<line id="guide" x1="0" x2="0" y1="${top}" y2="${bottom}" stroke="#545a63" visibility="hidden"/>`;
  box.innerHTML = svg + '</svg>';
  performance.mark('open-model-share:drawn');
  const tip = document.createElement('div');
  tip.className = 'tip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.querySelector('main').append(tip);
  const guide = document.getElementById('guide');
  let shown = -1;
  box.addEventListener('pointermove', (e) => {
    const r = box.getBoundingClientRect();
    const i = Math.max(0, Math.min(months.length - 1, Math.round(((e.clientX - r.left - left) / plot) * months.length - 0.5)));
    if (i === shown) return;
    shown = i;
    const rows = m.values.filter((v) => v.date === months[i]).sort((a, b) => b.value - a.value);
    tip.innerHTML = `<strong>${months[i]}</strong><ul>${rows.map((v) =>
      `<li><span>${label(v.series)}</span><span>${v.value.toFixed(1)} %</span></li>` +
      `<li><span>${v.numerator.toLocaleString('en-US')} of ${v.denominator.toLocaleString('en-US')} downloads</span></li>`).join('')}</ul>`;
    tip.hidden = false;
    guide.setAttribute('x1', x(i));
    guide.setAttribute('x2', x(i));
    guide.setAttribute('visibility', 'visible');
    const gx = r.left + x(i);
    tip.style.left = `${gx + 12 > r.left + w / 2 ? gx - 12 - 240 : gx + 12}px`;
    tip.style.top = `${r.top + scrollY}px`;
  });
});
