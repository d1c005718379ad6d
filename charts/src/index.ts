/** Self-contained SVG charts (no scripts, no external fonts or styles): used by the HTML view and the lab reports. */
export { type BarChartOptions, type BarSeries, barChartSvg } from './bar-chart.js';
export { type LineChartOptions, type LineSeries, lineChartSvg } from './line-chart.js';
export { PALETTE } from './palette.js';
export { formatValue, niceTicks, type Ticks, tickFormat } from './scale.js';
export { escapeXml, FONT_FAMILY } from './svg.js';
