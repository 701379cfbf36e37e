/**
 * The script of the HTML report, as text: it reads the page's JSON data and draws the
 * counters, the instance grid, the rankings and the charts with DOM calls and SVG (text is
 * always set as text, never parsed as HTML). Plain ES2017, no library, no network.
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var SVG = 'http://www.w3.org/2000/svg';
  var PALETTE = ['#d62728', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#bcbd22', '#17becf', '#7f7f7f', '#1f77b4', '#aec7e8', '#ffbb78', '#c5b0d5'];
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, String(attrs[k]));
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function colour(check) { return PALETTE[check % PALETTE.length]; }

  document.getElementById('title').textContent = 'ecs-placement ' + data.title;
  document.getElementById('subtitle').textContent = data.subtitle;

  var counters = document.getElementById('counters');
  data.counters.forEach(function (c) {
    var box = el('div', 'counter');
    var value = el('span', 'value', c.value);
    value.setAttribute('data-count', c.key);
    box.appendChild(value);
    box.appendChild(el('span', 'label', c.label));
    counters.appendChild(box);
  });

  if (data.instances.length > 0) {
    var legend = document.getElementById('legend');
    function key(cls, text, background) {
      var item = el('span', 'key');
      var swatch = el('span', 'swatch ' + cls);
      if (background) swatch.style.background = background;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(text));
      legend.appendChild(item);
    }
    key('new', 'new tasks');
    key('fits', 'could take one, ranked lower or not needed');
    key('inactive', 'not a candidate (DRAINING, INACTIVE, ...)');
    data.checks.forEach(function (name, i) { key('rejected', 'rejected: ' + name, colour(i)); });
    var groups = {};
    var order = [];
    data.instances.forEach(function (row) {
      var g = row[1] + ' / ' + row[2];
      if (!groups[g]) { groups[g] = []; order.push(g); }
      groups[g].push(row);
    });
    order.sort();
    var grid = document.getElementById('grid');
    order.forEach(function (g) {
      var section = el('section', 'group');
      section.appendChild(el('h3', '', g + ' (' + groups[g].length + ')'));
      var cells = el('div', 'cells');
      groups[g].forEach(function (row) {
        var cell = el('div', 'cell');
        if (row[11] >= 0) cell.setAttribute('data-check', data.checks[row[11]]);
        if (row[10] > 0) {
          cell.classList.add('new');
          // Took tasks, then rejected: a strip of the check's colour.
          if (row[11] >= 0) { var strip = el('span', 'strip'); strip.style.background = colour(row[11]); cell.appendChild(strip); }
        } else if (row[3] !== 'ACTIVE') cell.classList.add('inactive');
        else if (row[11] >= 0) { cell.classList.add('rejected'); cell.style.background = colour(row[11]); }
        else cell.classList.add('fits');
        cell.setAttribute('data-new', row[10]);
        function bar(cls, free, total) {
          var b = el('span', 'bar ' + cls);
          b.style.width = (total > 0 ? Math.round(100 * (total - free) / total) : 0) + '%';
          cell.appendChild(b);
        }
        bar('cpu before', row[6], row[4]);
        bar('cpu after', row[8], row[4]);
        bar('mem before', row[7], row[5]);
        bar('mem after', row[9], row[5]);
        if (row[10] > 0) cell.appendChild(el('span', 'count', '+' + row[10]));
        cell.title = row[0] + ' (' + row[1] + ', ' + row[2] + ', ' + row[3] + ')\n' +
          'CPU used ' + (row[4] - row[6]) + ' -> ' + (row[4] - row[8]) + ' of ' + row[4] + '\n' +
          'Memory used ' + (row[5] - row[7]) + ' -> ' + (row[5] - row[9]) + ' of ' + row[5] + ' MiB' +
          (row[10] > 0 ? '\n+' + row[10] + ' new task(s)' : '') + (row[12] ? '\n' + row[12] : '');
        cells.appendChild(cell);
      });
      section.appendChild(cells);
      grid.appendChild(section);
    });
  } else {
    document.getElementById('grid-section').hidden = true;
  }

  var rankings = document.getElementById('rankings');
  if (data.rankings.length === 0) document.getElementById('rankings-section').hidden = true;
  data.rankings.forEach(function (t) {
    var details = el('details', 'ranking');
    details.appendChild(el('summary', '', 'Task ' + t.task + ': ' + t.chosen + ' - ' + t.summary));
    t.steps.forEach(function (step) {
      details.appendChild(el('h4', '', step.strategy));
      var table = el('table');
      var head = el('tr');
      ['instance', 'key', 'kept'].forEach(function (h) { head.appendChild(el('th', '', h)); });
      table.appendChild(head);
      step.rows.forEach(function (r) {
        var tr = el('tr', r[2] ? 'kept' : '');
        tr.appendChild(el('td', '', r[0]));
        tr.appendChild(el('td', '', r[1]));
        tr.appendChild(el('td', '', r[2] ? 'yes' : ''));
        table.appendChild(tr);
      });
      details.appendChild(table);
      if (step.more > 0) details.appendChild(el('p', 'more', 'and ' + step.more + ' more'));
    });
    rankings.appendChild(details);
  });

  var charts = document.getElementById('charts');
  if (data.charts.length === 0) document.getElementById('charts-section').hidden = true;
  data.charts.forEach(function (chart) {
    var figure = el('figure', 'chart');
    figure.appendChild(el('figcaption', '', chart.title));
    var rowHeight = 18, labelWidth = 240, width = 600, barWidth = width - labelWidth - 80;
    var height = chart.rows.length * rowHeight + 4;
    var max = Math.max.apply(null, chart.rows.map(function (r) { return r.max; }).concat([1]));
    var s = svg('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img' });
    chart.rows.forEach(function (r, i) {
      var y = i * rowHeight + 2;
      var scale = function (v) { return labelWidth + (barWidth * v) / max; };
      s.appendChild(svg('text', { x: labelWidth - 6, y: y + 12, 'text-anchor': 'end', class: 'axis' }, r.label.length > 36 ? r.label.slice(0, 35) + '\u2026' : r.label));
      s.appendChild(svg('rect', { x: labelWidth, y: y + 3, width: Math.max(0, scale(r.median) - labelWidth), height: rowHeight - 6, class: 'median' }));
      if (r.max > r.min) s.appendChild(svg('line', { x1: scale(r.min), x2: scale(r.max), y1: y + rowHeight / 2, y2: y + rowHeight / 2, class: 'range' }));
      s.appendChild(svg('text', { x: scale(r.max) + 4, y: y + 12, class: 'axis' }, r.min === r.max ? r.median : r.median + ' (' + r.min + '-' + r.max + ')'));
    });
    figure.appendChild(s);
    charts.appendChild(figure);
  });
  document.body.setAttribute('data-ready', 'true');
})();
`;
