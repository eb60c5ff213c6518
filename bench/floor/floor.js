// The floor of the benchmark: the same headline chart, hand-written in plain JS and SVG, fed by the
// same snapshot. It marks "open-model-share:drawn" like the widget, and has a hover tooltip.
fetch('data/snapshot.json').then((r) => r.json()).then((s) => {
  const m = s.metrics.find((x) => x.id === s.headline_metric);
  const label = (id) => s.series.find((x) => x.id === id).label.en;
  const parts = m.values.map((v) => ({ name: label(v.series), value: v.value, key: v.series }))
    .sort((a, b) => b.value - a.value);
  const rest = Math.round((100 - parts.reduce((a, p) => a + p.value, 0)) * 10) / 10;
  parts.push({ name: m.remainder_label.en, value: rest, key: 'remainder' });
  const lead = parts[0], second = parts[1];
  document.getElementById('t').textContent =
    `${lead.name} leads by ${Math.round((lead.value - second.value) * 10) / 10} percentage points`;
  const box = document.getElementById('c');
  const w = box.clientWidth, track = w - 75;
  const colors = { china: '#c8500a', us: '#0072b2', remainder: '#80868f' };
  let svg = `<svg width="${w}" height="160" viewBox="0 0 ${w} 160">`;
  parts.forEach((p, i) => {
    const y = i * 58, bw = (track * p.value) / 100;
    svg += `<g data-i="${i}"><text x="0" y="${y + 15}">${p.name}</text>` +
      `<rect x="0" y="${y + 20}" width="${track}" height="24" fill="#eef0f3"/>` +
      `<rect x="0" y="${y + 20}" width="${bw}" height="24" fill="${colors[p.key] || '#6b5ca5'}"/>` +
      `<text x="${bw + 6}" y="${y + 37}" font-weight="700">${p.value} %</text></g>`;
  });
  box.innerHTML = svg + '</svg>';
  performance.mark('open-model-share:drawn');
  const tip = document.createElement('div');
  tip.className = 'tip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.querySelector('main').append(tip);
  box.addEventListener('pointermove', (e) => {
    const g = e.target.closest('g[data-i]');
    if (!g) { tip.hidden = true; return; }
    const p = parts[+g.dataset.i];
    tip.textContent = `${p.name}: ${p.value} %`;
    tip.hidden = false;
    const r = g.getBoundingClientRect();
    tip.style.left = `${r.left + 20}px`;
    tip.style.top = `${r.top - 40 + scrollY}px`;
  });
});
