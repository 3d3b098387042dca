// Charts for the dashboard: loads the Chart.js UMD build once (a <script src>, never inline:
// the Content-Security-Policy allows no inline script), and draws a chart in a figure whose
// canvas has role="img" and an aria-label, next to a "view as table" with the same numbers,
// since a canvas says nothing to a screen reader.
import { t } from '../i18n.js';
import { html, nothing } from '../ui.js';
// The box's height is set through the CSSOM (a ref), never a style attribute: the
// Content-Security-Policy allows no inline style either.
import { ref } from '/node_modules/lit-html/directives/ref.js';

const SRC = '/node_modules/chart.js/dist/chart.umd.js';
let loaded = null;

// Resolves with window.Chart once the library has loaded (one <script> element per page load).
export function loadChartJs() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!loaded) {
    loaded = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = SRC;
      script.async = true;
      script.onload = () => resolve(window.Chart);
      script.onerror = () => {
        loaded = null;
        script.remove();
        reject(new Error(`could not load ${SRC}`));
      };
      document.head.append(script);
    });
  }
  return loaded;
}

// Colours with at least 3:1 contrast against white (WCAG non-text contrast), distinct in hue
// and lightness so that they stay apart for most colour-vision deficiencies.
export const KIND_COLOURS = {
  outbound_delegation: '#0b4f9c',
  inbound_visit: '#1e6b34',
  conference: '#a35a00',
  aid: '#6b3fa0',
  agreement: '#a4161a',
};
export const ON_TIME_COLOUR = '#5b6b7f';
export const OVERDUE_COLOUR = '#b3261e';

// The figure of one chart: a heading, the canvas (role img, aria-label) in a box of fixed
// height (no layout jump), and a <details> with the data table.
// spec: {id, title, label (what the chart shows, for the aria-label), height, table (a template), note, level}
// The title is an <h2> (level 2) or an <h3> (level 3), so the page's outline lists the charts.
export function chartFigure({ id, title, label, height = 280, table, note, level = 2 }) {
  const heading = level === 3 ? html`<h3 id=${`${id}-title`} class="chart-title">${title}</h3>`
    : html`<h2 id=${`${id}-title`} class="chart-title">${title}</h2>`;
  return html`<figure class="chart-figure" aria-labelledby=${`${id}-title`}>
    ${heading}
    ${note ? html`<p class="help">${note}</p>` : nothing}
    <div class="chart-box" ${ref((box) => { if (box) box.style.height = `${height}px`; })}>
      <canvas id=${id} role="img" aria-label=${label}></canvas>
    </div>
    <details class="chart-table">
      <summary>${t('dashboard.view_table')}</summary>
      ${table}
    </details>
  </figure>`;
}

// A long label as lines of at most `width` characters, so the axis shows it whole.
function wrapLabel(text, width = 30) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.length > 1 ? lines : lines[0] || '';
}

// Draws (or redraws) a bar chart on the canvas with the given id and returns the Chart.
// config: {labels, datasets: [{label, data, backgroundColor}], stacked, horizontal, onBarClick(index, datasetIndex)}
export function drawBarChart(Chart, canvasId, config) {
  const canvas = document.getElementById(canvasId);
  if (!canvas) return null;
  Chart.getChart(canvas)?.destroy();
  const axis = config.horizontal ? 'y' : 'x';
  const valueAxis = config.horizontal ? 'x' : 'y';
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: config.horizontal ? config.labels.map((l) => wrapLabel(l, window.innerWidth < 600 ? 16 : 30)) : config.labels, datasets: config.datasets },
    options: {
      indexAxis: axis,
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: config.datasets.length > 1, position: 'bottom', labels: { color: '#1d2733' } },
        tooltip: { enabled: true },
      },
      scales: {
        [axis]: { stacked: !!config.stacked, ticks: { color: '#1d2733', autoSkip: false }, grid: { display: false } },
        [valueAxis]: { stacked: !!config.stacked, beginAtZero: true, ticks: { color: '#1d2733', precision: 0 } },
      },
      onHover: (event, elements) => {
        if (config.onBarClick) event.native.target.style.cursor = elements.length ? 'pointer' : 'default';
      },
      onClick: (event, elements) => {
        if (config.onBarClick && elements.length) config.onBarClick(elements[0].index, elements[0].datasetIndex);
      },
    },
  });
}
