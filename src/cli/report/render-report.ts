/**
 * One self-contained HTML file: the data as JSON in the page, inline CSS and script, no
 * request to anything (docs/what-if.md, "HTML reports").
 */
import type { ReportData } from './report-data.js';
import { REPORT_SCRIPT } from './report-script.js';

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }
h1 { font-size: 20px; margin: 0; } h2 { font-size: 16px; margin: 24px 0 8px; }
h3 { font-size: 13px; margin: 12px 0 4px; color: #444; } #subtitle { color: #555; margin: 4px 0 16px; }
#counters { display: flex; flex-wrap: wrap; gap: 12px; }
.counter { border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; min-width: 110px; }
.counter .value { display: block; font-size: 22px; font-weight: 600; } .counter .label { color: #555; font-size: 12px; }
#legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: 12px; margin-bottom: 8px; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -2px; border-radius: 2px; }
.cells { display: flex; flex-wrap: wrap; gap: 3px; }
.cell { position: relative; width: 30px; height: 22px; border-radius: 3px; box-sizing: border-box; overflow: hidden; }
.fits, .swatch.fits { background: #e8eef3; } .inactive, .swatch.inactive { background: repeating-linear-gradient(45deg, #eee, #eee 3px, #ccc 3px, #ccc 5px); }
.new, .swatch.new { background: #2ca02c; outline: 2px solid #145214; }
.bar { position: absolute; left: 2px; height: 3px; max-width: 26px; }
.bar.cpu.before { top: 3px; background: #8aa; } .bar.cpu.after { top: 7px; background: #036; }
.bar.mem.before { top: 12px; background: #caa; } .bar.mem.after { top: 16px; background: #600; }
.cell .strip { position: absolute; left: 0; right: 0; bottom: 0; height: 4px; }
.cell .count { position: absolute; right: 1px; bottom: 0; font-size: 9px; color: #fff; font-weight: 700; }
details.ranking { margin: 4px 0; } table { border-collapse: collapse; font-size: 12px; margin: 4px 0 8px; }
td, th { border: 1px solid #ddd; padding: 2px 6px; text-align: left; } tr.kept { background: #eef8ee; }
.more { color: #666; font-size: 12px; margin: 0; }
figure.chart { display: inline-block; margin: 8px 16px 8px 0; vertical-align: top; } figcaption { font-weight: 600; font-size: 13px; }
svg .axis { font-size: 11px; fill: #333; } svg .median { fill: #4a79a5; } svg .range { stroke: #222; stroke-width: 1.5; }
`;

/** The page for `data`. The JSON is escaped so that no text in it can close the script. */
export function renderReport(data: ReportData): string {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>ecs-placement ${data.title}</title>
<style>${STYLE}</style>
</head>
<body>
<h1 id="title"></h1>
<p id="subtitle"></p>
<div id="counters"></div>
<section id="grid-section"><h2>Instances by Availability Zone and capacity provider</h2>
<p class="more">Each box is an instance: CPU (blue) and memory (red) used, before (light) and after (dark); hover for the figures and the reason.</p>
<div id="legend"></div><div id="grid"></div></section>
<section id="rankings-section"><h2>Strategy ranking per task</h2><div id="rankings"></div></section>
<section id="charts-section"><h2>Charts</h2><div id="charts"></div></section>
<script type="application/json" id="report-data">${json}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
