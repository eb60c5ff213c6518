// The page object of the widget: every class name and selector the specs use to find a part of the
// widget lives here, so a changed selector is changed in one place. It works on a page, or on a
// FrameLocator when the widget is inside an iframe (the example host page, a pasted snippet).
// Methods return Locators and never await: assertions and actions stay in the specs.

/** The widget's class names, without the dot (for classList, className and toHaveClass checks). */
export const CLASS = Object.freeze({
  asOf: 'oms-asof',
  axis: 'oms-axis',
  bar: 'oms-bar',
  barFill: 'oms-bar__fill',
  barLabel: 'oms-bar__label',
  barTrack: 'oms-bar__track',
  barValue: 'oms-bar__value',
  chart: 'oms-chart',
  connector: 'oms-connector',
  dataLine: 'oms-data-line',
  definition: 'oms-definition',
  downloads: 'oms-downloads',
  explorer: 'oms-explorer',
  fallback: 'oms-fallback',
  figure: 'oms-figure',
  footer: 'oms-footer',
  legendItem: 'oms-legend__item',
  legendSwatch: 'oms-legend__swatch',
  line: 'oms-line',
  lineMuted: 'oms-line--muted',
  linkButton: 'oms-link-button',
  loadingText: 'oms-loading__text',
  name: 'oms-name',
  mark: 'oms-mark',
  markDim: 'oms-mark--dim',
  note: 'oms-note',
  num: 'oms-num',
  point: 'oms-point',
  pointHit: 'oms-point__hit',
  pointValue: 'oms-point__value',
  provenance: 'oms-provenance',
  select: 'oms-select',
  seriesName: 'oms-series-name',
  source: 'oms-source',
  sources: 'oms-sources',
  srOnly: 'oms-sr-only',
  stale: 'oms-stale',
  subtitle: 'oms-subtitle',
  tab: 'oms-tab',
  table: 'oms-table',
  tableWrap: 'oms-table-wrap',
  title: 'oms-title',
});

/** The id of the generated screen-reader summary. */
export const SUMMARY_ID = 'oms-summary';

const dot = (name) => `.${name}`;

/**
 * CSS selectors, for code that runs in the browser (pass them to `page.evaluate` as arguments) and
 * for the page object below.
 */
export const SEL = Object.freeze({
  ...Object.fromEntries(Object.entries(CLASS).map(([k, v]) => [k, dot(v)])),
  /** The shape of a mark that takes the pointer and shows its focus: a bar's fill, a point's hit area. */
  markShape: `${dot(CLASS.barFill)}, ${dot(CLASS.pointHit)}`,
  /** The chart's text: in its SVGs, and the bars' labels. */
  chartText: `${dot(CLASS.chart)} text, ${dot(CLASS.chart)} ${dot(CLASS.barLabel)}`,
  /** The boxes that must not scroll sideways (the table's wrapper and the chart's figure). */
  scrollBoxes: `${dot(CLASS.tableWrap)}, ${dot(CLASS.figure)}`,
  summary: `#${SUMMARY_ID}`,
  liveRegion: '[aria-live]',
  politeLiveRegion: '[aria-live="polite"]',
  embedButton: '[data-action="embed"]',
});

/** `[data-key="…"]`, the attribute that ties marks, bars, lines and legend items to their series. */
const byKey = (key) => `[data-key="${key}"]`;

export class WidgetPage {
  /**
   * @param {import('@playwright/test').Page | import('@playwright/test').FrameLocator} root
   *   the page showing the widget, or a FrameLocator for an iframe that shows it.
   */
  constructor(root) {
    this.root = root;
  }

  /** The widget inside the iframe `selector` of `page`. */
  static inFrame(page, selector) {
    return new WidgetPage(page.frameLocator(selector));
  }

  /** Opens the widget (pages only) with a query string: `goto('?lang=en')`, `goto('lang=en')` or `goto()`. */
  goto(query = '', options) {
    if (typeof this.root.goto !== 'function') throw new Error('WidgetPage.goto needs a Page, not a frame');
    const search = query && !query.startsWith('?') ? `?${query}` : query;
    return this.root.goto(`./${search}`, options);
  }

  // The document.

  /** The widget's landmark (`main`, labelled "Open Model Share"). */
  main() {
    return this.root.locator('main');
  }

  /** The sr-only summary read first by screen readers. */
  summary() {
    return this.root.locator(SEL.summary);
  }

  /** The polite live region that announces the focused figure. */
  liveRegion() {
    return this.root.locator(SEL.politeLiveRegion);
  }

  /** Every live region. */
  liveRegions() {
    return this.root.locator(SEL.liveRegion);
  }

  // Header and controls.

  title() {
    return this.root.locator(SEL.title);
  }

  subtitle() {
    return this.root.locator(SEL.subtitle);
  }

  /** The measure `<select>`, by its class. */
  measureSelect() {
    return this.root.locator(SEL.select);
  }

  /** The measure `<select>`, by its label ("Measure", "Misura", …). */
  measureByLabel(label = 'Measure') {
    return this.root.getByLabel(label);
  }

  /** The view buttons (chart, table, sources), in order. */
  tabs() {
    return this.root.locator(SEL.tab);
  }

  /** The view button at `index`: 0 chart, 1 table, 2 sources. */
  tab(index) {
    return this.tabs().nth(index);
  }

  /** A view button by its accessible name ("Chart", "Table", "Sources & method", "Tabella", …). */
  viewButton(name) {
    return this.root.getByRole('button', { name });
  }

  // The chart.

  /** The explorer: controls, figure, legend and notes together. */
  explorer() {
    return this.root.locator(SEL.explorer);
  }

  /** The figure around the chart svg. */
  figure() {
    return this.root.locator(SEL.figure);
  }

  /** The chart svg. */
  chart() {
    return this.root.locator(SEL.chart);
  }

  /** The marks (one per figure, focusable), within `within` (default the whole widget). */
  marks(within = this.root) {
    return within.locator(SEL.mark);
  }

  /** The mark(s) of series `key`. */
  mark(key) {
    return this.root.locator(`${SEL.mark}${byKey(key)}`);
  }

  /** The mark at `index`. */
  markAt(index) {
    return this.marks().nth(index);
  }

  /** The marks in the tab order (`tabindex="0"`). */
  tabbableMarks() {
    return this.root.locator(`${SEL.mark}[tabindex="0"]`);
  }

  /** The focused mark, within `within`. */
  focusedMarks(within = this.root) {
    return within.locator(`${SEL.mark}:focus`);
  }

  /** The shape of a mark that takes the pointer and shows its focus (a bar's fill, a point's hit area). */
  markShape(mark) {
    return mark.locator(SEL.markShape);
  }

  /** The bars, within `within`. */
  bars(within = this.root) {
    return within.locator(SEL.bar);
  }

  /** The filled part of the bars, within `within` (a bar, a mark, or the whole widget). */
  barFills(within = this.root) {
    return within.locator(SEL.barFill);
  }

  /** The series names beside the bars, within `within`. */
  barLabels(within = this.root) {
    return within.locator(SEL.barLabel);
  }

  /** The figures written beside the bars, within `within`. */
  barValues(within = this.root) {
    return within.locator(SEL.barValue);
  }

  /** The full-length track behind a bar. */
  barTrack(bar) {
    return bar.locator(SEL.barTrack);
  }

  /** The points of dated marks, within `within`. */
  points(within = this.root) {
    return within.locator(SEL.point);
  }

  /** The figures written beside points and shown at this width, within `within`. */
  pointValues(within = this.root) {
    return within.locator(SEL.pointValue).filter({ visible: true });
  }

  /** The dashed connectors between published points, within `within`. */
  connectors(within = this.root) {
    return within.locator(SEL.connector);
  }

  /** The solid lines of computed series, within `within`. */
  dataLines(within = this.root) {
    return within.locator(SEL.dataLine);
  }

  /** The line group of series `key`. */
  line(key) {
    return this.root.locator(`${SEL.line}${byKey(key)}`);
  }

  /** The muted (not emphasized) line groups. */
  mutedLines() {
    return this.root.locator(SEL.lineMuted);
  }

  /** The name (and last figure) written beside the line of series `key`, as shown at this width. */
  seriesName(key) {
    return this.root.locator(`${SEL.name}${byKey(key)} ${SEL.seriesName}`).filter({ visible: true });
  }

  /** The axis labels shown at this width. */
  axisLabels() {
    return this.root.locator(SEL.axis).filter({ visible: true });
  }

  /** The legend item of series `key` (a toggle button). */
  legendItem(key) {
    return this.root.locator(`${SEL.legendItem}${byKey(key)}`);
  }

  /** The paths of the legend's swatches (the marker shapes). */
  legendSwatchPaths() {
    return this.root.locator(`${SEL.legendSwatch} path`);
  }

  /** The notes under the chart. */
  notes() {
    return this.root.locator(SEL.note);
  }

  /** The collapsible definition of the measure under the chart (a `<details>`). */
  definition() {
    return this.root.locator(SEL.definition);
  }

  /** The tooltip. */
  tooltip() {
    return this.root.getByRole('tooltip');
  }

  // The table view.

  table() {
    return this.root.locator(SEL.table);
  }

  tableRows() {
    return this.root.locator(`${SEL.table} tbody tr`);
  }

  /** The row headers (series names) of the table. */
  tableRowHeaders() {
    return this.root.locator(`${SEL.table} th[scope=row]`);
  }

  /** The header cell of a table row. */
  rowHeader(row) {
    return row.locator('th');
  }

  /** The data cells of a table row. */
  rowCells(row) {
    return row.locator('td');
  }

  /** Data cell `col` of table row `row` (both from 0). */
  tableCell(row, col) {
    return this.rowCells(this.tableRows().nth(row)).nth(col);
  }

  /** A column header by its name. */
  columnHeader(name) {
    return this.root.getByRole('columnheader', { name });
  }

  /** The table's pager, by its accessible name ("Pagine della tabella" in Italian). */
  pager(name) {
    return this.root.getByRole('navigation', { name });
  }

  /** A button of `pager` by its name ("Righe successive", "Righe precedenti" in Italian). */
  pagerButton(pager, name) {
    return pager.getByRole('button', { name });
  }

  // The sources view.

  /** The sources & method panel. */
  sourcesPanel() {
    return this.root.locator(SEL.sources);
  }


  /** How computed figures were made (input hash, command, comparisons). */
  provenance() {
    return this.root.locator(SEL.provenance);
  }

  // The footer.

  footer() {
    return this.root.locator(SEL.footer);
  }

  /** The source line ("Source: …"). */
  sourceLine() {
    return this.root.locator(SEL.source);
  }

  /** The `<time>` of the "data as of" line. */
  asOfTime() {
    return this.root.locator(`${SEL.asOf} time`);
  }

  /** The download buttons. */
  downloads() {
    return this.root.locator(SEL.downloads);
  }

  /** The download button of `format` ('csv' or 'json'). */
  downloadButton(format) {
    return this.root.locator(`[data-format="${format}"]`);
  }

  // Embedding.

  /** The button that opens the embed dialog. */
  embedButton() {
    return this.root.locator(SEL.embedButton);
  }

  embedDialog() {
    return this.root.getByRole('dialog');
  }

  embedDialogHeading() {
    return this.embedDialog().getByRole('heading');
  }

  /** The embed code's textarea. */
  embedCode() {
    return this.embedDialog().locator('textarea');
  }

  /** A button of the embed dialog by its name ("Copy the code", "Copia il codice", "Close", …). */
  embedDialogButton(name) {
    return this.embedDialog().getByRole('button', { name });
  }

  /** The dialog's status line ("Copied."). */
  embedStatus() {
    return this.embedDialog().getByRole('status');
  }

  // Loading, errors and the saved copy.

  /** The loading message. */
  loadingText() {
    return this.root.locator(SEL.loadingText);
  }

  /** The error message (role alert). */
  errorAlert() {
    return this.root.getByRole('alert');
  }

  /** The listed problems of an invalid snapshot. */
  errorProblems() {
    return this.errorAlert().locator('li');
  }

  /** The retry button, by its name ("Try again", "Riprova", …). */
  retryButton(name = 'Try again') {
    return this.root.getByRole('button', { name });
  }

  /** The notice that the data shown is a copy saved on this device. */
  staleNotice() {
    return this.root.locator(SEL.stale);
  }

  // The static fallback (no JavaScript, or the widget could not start).

  fallback() {
    return this.root.locator(SEL.fallback);
  }

  fallbackHeading() {
    return this.fallback().locator('h1');
  }

  fallbackImage() {
    return this.fallback().locator('img');
  }

  fallbackRows() {
    return this.fallback().locator('tbody tr');
  }

  /** The number cells of the fallback's table. */
  fallbackNumbers() {
    return this.fallback().locator(`tbody td${SEL.num}`);
  }
}
