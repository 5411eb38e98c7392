// The CloudCut dashboard: a snapshot when the page opens, then a tick every half second with only the
// tiles that changed (server-sent events from /events). Tiles are drawn on one canvas per model, so that
// 10,000 devices cost a few fillRect calls per tick, not 10,000 elements.
(function () {
  'use strict';

  const COLOURS = {
    WAITING: '#b8b8b8', CONNECTED: '#2e9e44', IMPAIRED: '#e0a100', OFFLINE: '#d33b2f',
    RECOVERED: '#2a7fd4', NOT_RECOVERED: '#7a1f1f', NEEDS_A_PERSON: '#6a1b9a'
  };
  const SERIES_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf'];

  // What the page holds, exposed for whoever reads it (the tests do): state names, each tile's state index.
  const view = window.cloudcutDashboard = {
    states: [], tiles: [], ids: [], models: [], status: null, report: null, colours: COLOURS,
    /** The colour drawn on the canvas for tile i, as #rrggbb. */
    tileColour: function (i) {
      const model = modelOf(i);
      if (!model) return null;
      const at = position(model, i - model.first);
      const pixel = model.context.getImageData(at.x + 1, at.y + 1, 1, 1).data;
      return '#' + [pixel[0], pixel[1], pixel[2]].map(v => v.toString(16).padStart(2, '0')).join('');
    }
  };
  let tileSize = 20;
  let charts = null;

  function $(id) { return document.getElementById(id); }

  function modelOf(i) {
    return view.models.find(m => i >= m.first && i < m.first + m.size);
  }

  function position(model, n) {
    const step = tileSize + 1;
    return { x: (n % model.columns) * step, y: Math.floor(n / model.columns) * step };
  }

  function drawTile(i) {
    const model = modelOf(i);
    if (!model) return;
    const at = position(model, i - model.first);
    model.context.fillStyle = COLOURS[view.states[view.tiles[i]]];
    model.context.fillRect(at.x, at.y, tileSize, tileSize);
  }

  function layOut(snapshot) {
    view.states = snapshot.states;
    view.ids = snapshot.ids || [];
    view.tiles = snapshot.tiles || [];
    $('scenario').textContent = snapshot.scenario || 'waiting for the run';
    $('description').textContent = snapshot.description || '';
    $('legend').innerHTML = '';
    view.states.forEach(state => {
      const item = document.createElement('span');
      item.innerHTML = '<i style="background:' + COLOURS[state] + '"></i>' + state.toLowerCase().replace(/_/g, ' ');
      $('legend').appendChild(item);
    });
    const fleet = $('fleet');
    fleet.innerHTML = '';
    const total = view.tiles.length;
    tileSize = total <= 200 ? 20 : total <= 1000 ? 12 : total <= 4000 ? 8 : 5;
    const width = Math.max(200, fleet.clientWidth || 800);
    view.models = (snapshot.models || []).map(model => {
      const block = document.createElement('div');
      block.className = 'model';
      block.dataset.model = model.model;
      block.innerHTML = '<span class="name"></span><span class="counts"></span>';
      block.querySelector('.name').textContent = model.model + ' (' + model.kind + ', ' + model.size + ')';
      const canvas = document.createElement('canvas');
      const columns = Math.max(1, Math.floor(width / (tileSize + 1)));
      canvas.width = Math.min(model.size, columns) * (tileSize + 1);
      canvas.height = Math.max(1, Math.ceil(model.size / columns)) * (tileSize + 1);
      block.appendChild(canvas);
      fleet.appendChild(block);
      const placed = Object.assign({}, model, { columns: columns, canvas: canvas, block: block,
        context: canvas.getContext('2d', { willReadFrequently: true }) });
      canvas.addEventListener('mousemove', event => {
        const step = tileSize + 1;
        const n = Math.floor(event.offsetY / step) * columns + Math.floor(event.offsetX / step);
        const i = model.first + n;
        canvas.title = n < model.size ? (view.ids[i] || 'not seen yet') + ': ' + view.states[view.tiles[i]].toLowerCase() : '';
      });
      return placed;
    });
    for (let i = 0; i < view.tiles.length; i++) drawTile(i);
    counts();
    makeCharts(snapshot.points || []);
  }

  // How many tiles of each model are in each state, written on the page and in a data attribute.
  function counts() {
    view.models.forEach(model => {
      const inState = {};
      for (let i = model.first; i < model.first + model.size; i++) {
        const state = view.states[view.tiles[i]];
        inState[state] = (inState[state] || 0) + 1;
      }
      model.block.dataset.states = JSON.stringify(inState);
      model.block.querySelector('.counts').textContent = Object.entries(inState)
        .map(([state, n]) => n + ' ' + state.toLowerCase().replace(/_/g, ' ')).join(', ');
    });
  }

  function duration(seconds) {
    const s = Math.floor(seconds);
    const h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60);
    if (h > 0) return h + 'h' + String(m).padStart(2, '0') + 'm';
    return s % 60 === 0 ? m + 'm' : m + 'm' + String(s % 60).padStart(2, '0') + 's';
  }

  function showStatus(status) {
    view.status = status;
    $('clock').textContent = duration(status.scenarioSeconds);
    $('scale').textContent = status.scale === 1 ? 'real time' : Math.round(status.scale) + 'x';
    $('phase').textContent = status.phases ? status.phase + ' (' + status.phaseNumber + '/' + status.phases + ')' : status.phase;
    $('connected').textContent = status.connected + ' of ' + status.devices;
    $('faults').textContent = status.faults.length ? status.faults.join(', ') : 'none';
    $('health').textContent = status.health ? status.health.summary : 'not judged yet';
  }

  function chart(element, series, max) {
    const width = Math.max(300, element.clientWidth - 10);
    return new uPlot({
      width: width, height: 220,
      scales: { x: { time: false }, y: max ? { range: [0, max] } : { range: (u, min, top) => [0, Math.max(1, top)] } },
      // ticks on round spans of scenario time, from a second to a day
      axes: [{ incrs: [1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400], space: 70,
        values: (u, ticks) => ticks.map(duration) }, { size: 60 }],
      series: [{ label: 'scenario time', value: (u, v) => v == null ? '-' : duration(v) }].concat(series.map((name, k) => ({
        label: name, stroke: SERIES_COLOURS[k % SERIES_COLOURS.length], width: k === 0 && !max ? 2 : 1.5, spanGaps: true,
        // a point per tick holds until the next: steps, not slopes that suggest values in between
        paths: uPlot.paths.stepped({ align: 1 }), points: { show: false }
      })))
    }, series.map(() => []).concat([[]]), element);
  }

  function makeCharts(points) {
    if (charts) { charts.connected.destroy(); charts.availability.destroy(); }
    const names = view.models.map(m => m.model);
    if (!names.length) { charts = null; return; }
    charts = {
      connected: chart($('chart-connected'), ['all'].concat(names)),
      availability: chart($('chart-availability'), names, 100),
      data: null
    };
    charts.data = { connected: [[]].concat([[]], names.map(() => [])), availability: [[]].concat(names.map(() => [])) };
    points.forEach(point => addPoint(point, false));
    redraw();
    view.charts = charts;
  }

  function addPoint(point, replaceSameTime) {
    const n = view.models.length;
    const c = charts.data.connected, a = charts.data.availability;
    const last = c[0].length - 1;
    const same = replaceSameTime && last >= 0 && c[0][last] === point[0];
    const put = (series, value) => same ? (series[last] = value) : series.push(value);
    put(c[0], point[0]);
    put(c[1], point[1]);
    for (let k = 0; k < n; k++) put(c[2 + k], point[2 + k]);
    put(a[0], point[0]);
    for (let k = 0; k < n; k++) put(a[1 + k], point[2 + n + k]);
  }

  function redraw() {
    charts.connected.setData(charts.data.connected);
    charts.availability.setData(charts.data.availability);
  }

  function tick(data) {
    const changes = data.changes || [];
    Object.entries(data.named || {}).forEach(([i, id]) => { view.ids[Number(i)] = id; });
    for (let k = 0; k < changes.length; k += 2) {
      view.tiles[changes[k]] = changes[k + 1];
      drawTile(changes[k]);
    }
    if (changes.length) counts();
    showStatus(data.status);
    if (data.point && charts) {
      addPoint(data.point, true);
      redraw();
    }
    if (data.report) finished(data.report);
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  // The verdicts once the run is over: the ladder with each model on its rung, then the matrix.
  function finished(shown) {
    if (view.report) return;
    view.report = shown;
    stream.close();
    document.body.dataset.stream = 'ended';
    $('verdicts').hidden = false;
    const report = shown.report;
    $('problem').textContent = shown.problem || '';
    const ladder = $('ladder');
    shown.ladder.forEach(rung => {
      const item = document.createElement('li');
      item.className = rung;
      item.dataset.rung = rung;
      item.innerHTML = '<b></b>';
      item.querySelector('b').textContent = rung;
      (report ? report.models : []).filter(m => m.verdict === rung).forEach(m => {
        const name = document.createElement('span');
        name.textContent = m.model;
        item.appendChild(name);
      });
      ladder.appendChild(item);
    });
    if (!report) return;
    const table = $('matrix');
    const phases = report.phases.map(p => p.name);
    const head = document.createElement('tr');
    ['model / function', 'path'].concat(phases, ['verdict']).forEach(title => {
      const th = document.createElement('th');
      th.textContent = title;
      head.appendChild(th);
    });
    table.appendChild(head);
    report.models.forEach(model => {
      const row = document.createElement('tr');
      row.className = 'model';
      row.dataset.model = model.model;
      cell(row, model.model + ' (' + model.kind + ', ' + model.devices + ')');
      cell(row, '');
      phases.forEach(phase => cell(row, (model.phases || {})[phase] || '', (model.phases || {})[phase]));
      cell(row, model.verdict || 'not judged', model.verdict).classList.add('rung');
      table.appendChild(row);
      model.functions.forEach(fn => {
        const line = document.createElement('tr');
        line.className = 'function';
        cell(line, '\u00a0\u00a0' + fn.name);
        cell(line, fn.path);
        phases.forEach(phase => {
          const counts = fn.phases[phase];
          cell(line, counts ? counts.ok + '/' + (counts.ok + counts.failed) + ' ok' : '', counts ? counts.verdict : null);
        });
        cell(line, fn.verdict || '', fn.verdict);
        table.appendChild(line);
      });
    });
    // As the terminal says them: the count, then each expectation's figure, which names it.
    const expectations = report.expectations || [];
    if (expectations.length > 0) {
      $('expectations-met').hidden = false;
      $('expectations-met').textContent = 'Expectations: ' + expectations.filter(e => e.met).length + ' of '
          + expectations.length + ' met';
    }
    expectations.forEach(expectation => {
      const item = document.createElement('li');
      const word = document.createElement('b');
      word.className = expectation.met ? 'PASS' : 'FAIL';
      word.textContent = expectation.met ? 'PASS' : 'FAIL';
      item.append(word, ' ' + expectation.figure);
      $('expectations').appendChild(item);
    });
  }

  const stream = new EventSource('events');
  stream.addEventListener('open', () => { document.body.dataset.stream = 'open'; });
  stream.addEventListener('error', () => {
    if (!view.report) document.body.dataset.stream = 'reconnecting';
  });
  stream.addEventListener('snapshot', event => {
    const snapshot = JSON.parse(event.data);
    layOut(snapshot);
    showStatus(snapshot.status);
    if (snapshot.report) finished(snapshot.report);
  });
  stream.addEventListener('tick', event => tick(JSON.parse(event.data)));
})();
