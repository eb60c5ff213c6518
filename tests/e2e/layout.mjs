// Layout checks shared by the specs: the page does not scroll sideways, and no text of the chart
// leaves the chart or overlaps another (text hidden at this width is not drawn, so not counted).
import { SEL } from './widget-page.mjs';

/** The problems of the chart's text, one line each ("… leaves the chart", "a / b"). */
export async function chartTextProblems(page) {
  return page.evaluate(({ chart, chartText }) => {
    const box = document.querySelector(chart)?.getBoundingClientRect();
    const texts = [...document.querySelectorAll(chartText)]
      .map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }))
      .filter((t) => t.r.width > 0 && t.r.height > 0);
    const out = [];
    for (let i = 0; i < texts.length; i++) {
      const a = texts[i].r;
      if (box && (a.left < box.left - 1 || a.right > box.right + 1)) out.push(`${texts[i].text} leaves the chart`);
      for (let j = i + 1; j < texts.length; j++) {
        const b = texts[j].r;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) out.push(`${texts[i].text} / ${texts[j].text}`);
      }
    }
    return out;
  }, { chart: SEL.chart, chartText: SEL.chartText });
}

/** How far the page scrolls sideways, px (0 when it fits). */
export function sidewaysScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
