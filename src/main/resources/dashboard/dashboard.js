// The hotline-pulse dashboard page: renders each snapshot the server pushes over Server-Sent
// Events (/api/events); the selected line's trend comes from /api/trend. Charts are uPlot.
(function () {
  'use strict';

  const LABELS = {
    en: {
      title: 'hotline-pulse · live hotline status', departments: 'Departments', department: 'Department',
      line: 'Line', openAlertsShort: 'Open alerts', currentWindow: 'Current window', lastHour: 'Last hour',
      offered: 'Offered', connectionRate: 'Connection rate', answerRate: 'Answer rate',
      abandonmentRate: 'Abandonment rate', serviceLevel: 'Service level', lineBoard: 'Line status',
      trends: 'Trends', openAlerts: 'Open alerts', resolvedAlerts: 'Recently resolved alerts',
      alertType: 'Alert', severity: 'Severity', since: 'Since', ended: 'Ended', summary: 'Summary',
      ok: 'OK', updated: 'Updated', live: 'live', connecting: 'reconnecting…', none: 'None',
      noData: 'No data yet', problems: 'Problem lines', offeredCalls: 'Offered calls',
      critical: 'critical', warning: 'warning', minutes: 'min',
      OUT_OF_SERVICE: 'Out of service', CONSTANT_BUSY: 'Constant busy', UNANSWERED: 'Unanswered',
      SILENT: 'Silent', HIGH_ABANDONMENT: 'High abandonment', PROBE_FAILED: 'Probe failed',
      UNKNOWN_LINE: 'Unknown line', FEED_STALE: 'Feed stale'
    },
    zh: {
      title: 'hotline-pulse · 热线实时运行状态', departments: '部门', department: '部门',
      line: '线路', openAlertsShort: '未解除告警', currentWindow: '当前时段', lastHour: '最近一小时',
      offered: '呼入量', connectionRate: '号码打通率', answerRate: '人工接听率',
      abandonmentRate: '放弃率', serviceLevel: '服务水平', lineBoard: '线路状态',
      trends: '趋势', openAlerts: '未解除告警', resolvedAlerts: '近期已解除告警',
      alertType: '告警', severity: '级别', since: '开始', ended: '解除', summary: '摘要',
      ok: '正常', updated: '更新于', live: '实时', connecting: '正在重新连接…', none: '无',
      noData: '暂无数据', problems: '异常线路', offeredCalls: '呼入量',
      critical: '严重', warning: '警告', minutes: '分钟',
      OUT_OF_SERVICE: '无法接通', CONSTANT_BUSY: '持续忙线', UNANSWERED: '无人接听',
      SILENT: '无来电', HIGH_ABANDONMENT: '放弃率高', PROBE_FAILED: '拨测失败',
      UNKNOWN_LINE: '未登记号码', FEED_STALE: '数据源中断'
    }
  };
  const SUMMARY_SEPARATOR = ' | ';

  const params = new URLSearchParams(location.search);
  const lang = pickLanguage(params.get('lang'));
  const token = params.get('token');
  const t = key => (key in LABELS[lang] ? LABELS[lang][key] : key);

  const state = { snapshot: null, sort: { key: null, direction: 1 }, department: null, line: null, charts: {} };

  function pickLanguage(requested) {
    if (requested === 'zh' || requested === 'en') {
      return requested;
    }
    return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  }

  function withToken(url) {
    return token ? url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token) : url;
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value !== null && value !== undefined) {
        node.setAttribute(name, value);
      }
    });
    children.forEach(child => node.append(child instanceof Node ? child : String(child)));
    return node;
  }

  function percent(value) {
    return value === null || value === undefined ? '—' : (value * 100).toFixed(1) + '%';
  }

  function time(iso) {
    if (!iso) {
      return '—';
    }
    return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      // "12 Oct, 09:22" in English: 12/10 reads as December to half the world.
      timeZone: state.snapshot.timezone, month: lang === 'zh' ? '2-digit' : 'short', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
    }).format(new Date(iso));
  }

  function summaryIn(summary) {
    const at = summary.indexOf(SUMMARY_SEPARATOR);
    if (at < 0) {
      return summary;
    }
    return lang === 'zh' ? summary.substring(0, at) : summary.substring(at + SUMMARY_SEPARATOR.length);
  }

  function fieldOf(row, path) {
    return path.split('.').reduce((value, key) => (value === null || value === undefined ? null : value[key]), row);
  }

  function applyLabels() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title');
    document.querySelectorAll('[data-label]').forEach(node => { node.textContent = t(node.dataset.label); });
    ['en', 'zh'].forEach(code => {
      document.getElementById('lang-' + code).href = withToken('?lang=' + code);
    });
    document.querySelectorAll('th[data-sort]').forEach(th => th.addEventListener('click', () => {
      const key = th.dataset.sort;
      state.sort = { key, direction: state.sort.key === key ? -state.sort.direction : 1 };
      renderDepartments();
    }));
    document.getElementById('trend-department').addEventListener('change', event => {
      state.department = event.target.value;
      renderDepartmentTrend();
    });
    document.getElementById('trend-line').addEventListener('change', event => selectLine(event.target.value));
  }

  function render(snapshot) {
    state.snapshot = snapshot;
    document.getElementById('updated').textContent = t('updated') + ' ' + time(snapshot.generatedAt);
    const heading = document.getElementById('current-window-heading');
    heading.textContent = t('currentWindow') + (snapshot.currentWindowStart
      ? ' ' + time(snapshot.currentWindowStart) + ' (' + snapshot.windowMinutes + ' ' + t('minutes') + ')' : '');
    renderDepartments();
    renderBoard();
    renderAlerts('open-alerts', snapshot.openAlerts, false);
    renderAlerts('resolved-alerts', snapshot.resolvedAlerts, true);
    renderPickers();
    renderDepartmentTrend();
    loadLineTrend();
  }

  function renderDepartments() {
    const snapshot = state.snapshot;
    if (!snapshot) {
      return;
    }
    const { key, direction } = state.sort;
    // Until a heading is clicked, departments stay in directory order.
    const rows = key === null ? snapshot.departments : snapshot.departments.slice().sort((a, b) => {
      const x = fieldOf(a, key);
      const y = fieldOf(b, key);
      if (x === y) {
        return 0;
      }
      if (x === null) {
        return 1; // undefined rates last, whichever the direction
      }
      if (y === null) {
        return -1;
      }
      return (typeof x === 'string' ? x.localeCompare(y, lang) : x - y) * direction;
    });
    document.querySelectorAll('th[data-sort]').forEach(th => {
      th.setAttribute('aria-sort', th.dataset.sort === key ? (direction > 0 ? 'ascending' : 'descending') : 'none');
    });
    const body = document.querySelector('#departments tbody');
    body.replaceChildren(...rows.map(row => el('tr', { 'data-department': row.id },
      el('td', { class: 'name' }, row.name),
      el('td', { class: row.openAlerts > 0 ? 'bad' : 'none' }, row.openAlerts),
      ...figureCells(row.current, 'current'),
      ...figureCells(row.lastHour, 'last-hour'))));
  }

  function figureCells(figures, span) {
    const rate = name => el('td', { class: figures.status[name], 'data-field': span + '-' + name }, percent(figures[name]));
    return [el('td', { 'data-field': span + '-offered' }, figures.offered),
      rate('connectionRate'), rate('answerRate'), rate('abandonmentRate'), rate('serviceLevel')];
  }

  function renderBoard() {
    const board = document.getElementById('board');
    board.replaceChildren(...state.snapshot.board.map(department => el('div',
      { class: 'board-department', 'data-department': department.id },
      el('h3', {}, department.name + (department.problemLines > 0 ? ' · ' + t('problems') + ': ' + department.problemLines : '')),
      el('ul', {}, ...department.lines.map(line => {
        const first = line.alerts[0];
        const lineState = first
          ? line.alerts.map(alert => t(alert.type)).join(', ') + ' · ' + t('since') + ' ' + time(first.since)
          : t('ok');
        const item = el('li', {
          class: 'board-line' + (first ? ' ' + first.severity : ''), 'data-line': line.number,
          'data-state': first ? line.alerts.map(alert => alert.type).join(' ') : 'OK'
        }, el('span', { class: 'name' }, line.name), el('span', { class: 'number' }, line.number),
        el('span', { class: 'state' }, lineState));
        item.addEventListener('click', () => selectLine(line.number));
        return item;
      })))));
  }

  function renderAlerts(tableId, alerts, resolved) {
    const body = document.querySelector('#' + tableId + ' tbody');
    if (alerts.length === 0) {
      body.replaceChildren(el('tr', {}, el('td', { class: 'empty', colspan: resolved ? 7 : 6 }, t('none'))));
      return;
    }
    body.replaceChildren(...alerts.map(alert => el('tr', { class: alert.severity, 'data-alert': alert.id },
      el('td', {}, t(alert.type)), el('td', {}, t(alert.severity)),
      el('td', {}, alert.line ? (alert.lineName && alert.lineName !== alert.line ? alert.lineName + ' ' : '') + alert.line : '—'),
      el('td', {}, alert.departmentName || alert.department || '—'),
      el('td', {}, time(alert.startsAt)),
      ...(resolved ? [el('td', {}, time(alert.endsAt))] : []),
      el('td', {}, summaryIn(alert.summary)))));
  }

  function renderPickers() {
    const snapshot = state.snapshot;
    const departments = document.getElementById('trend-department');
    if (!state.department || !snapshot.departments.some(d => d.id === state.department)) {
      state.department = snapshot.departments.length ? snapshot.departments[0].id : null;
    }
    departments.replaceChildren(...snapshot.departments.map(d => el('option',
      { value: d.id, selected: d.id === state.department ? '' : null }, d.name)));
    const lines = document.getElementById('trend-line');
    const numbers = snapshot.board.flatMap(d => d.lines.map(l => l.number));
    if (!state.line || !numbers.includes(state.line)) {
      state.line = numbers.length ? numbers[0] : null;
    }
    lines.replaceChildren(...snapshot.board.map(d => el('optgroup', { label: d.name },
      ...d.lines.map(l => el('option', { value: l.number, selected: l.number === state.line ? '' : null },
        l.name + ' ' + l.number)))));
  }

  function selectLine(number) {
    state.line = number;
    document.getElementById('trend-line').value = number;
    loadLineTrend();
  }

  function renderDepartmentTrend() {
    const department = state.snapshot.departments.find(d => d.id === state.department);
    document.getElementById('department-trend-title').textContent = department ? department.name : '';
    drawTrend('department', department ? state.snapshot.departmentTrends[department.id] : null);
  }

  function loadLineTrend() {
    const number = state.line;
    if (!number) {
      drawTrend('line', null);
      return;
    }
    fetch(withToken('/api/trend?line=' + encodeURIComponent(number)))
      .then(response => (response.ok ? response.json() : null))
      .then(trend => {
        if (number !== state.line) {
          return; // another line was chosen meanwhile
        }
        const line = state.snapshot.board.flatMap(d => d.lines).find(l => l.number === number);
        document.getElementById('line-trend-title').textContent = line ? line.name + ' ' + line.number : number;
        drawTrend('line', trend);
      });
  }

  function drawTrend(scope, trend) {
    const rates = document.getElementById(scope + '-rates-chart');
    const offered = document.getElementById(scope + '-offered-chart');
    if (!trend || trend.t.length === 0) {
      destroyChart(scope + '-rates');
      destroyChart(scope + '-offered');
      rates.replaceChildren(el('p', { class: 'empty' }, t('noData')));
      offered.replaceChildren();
      return;
    }
    drawChart(scope + '-rates', rates, [trend.t, trend.connectionRate, trend.answerRate], rateOptions);
    drawChart(scope + '-offered', offered, [trend.t, trend.offered], offeredOptions);
  }

  function destroyChart(name) {
    if (state.charts[name]) {
      state.charts[name].destroy();
      delete state.charts[name];
    }
  }

  function drawChart(name, container, data, options) {
    const chart = state.charts[name];
    if (chart) {
      chart.setData(data);
      return;
    }
    container.replaceChildren();
    state.charts[name] = new uPlot(options(Math.max(300, container.clientWidth - 10)), data, container);
  }

  // Ticks in 24-hour time of the directory's zone, the date where a day begins, in both languages.
  function tickLabels(u, ticks) {
    const zone = state.snapshot.timezone;
    const clock = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const day = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB',
        { timeZone: zone, month: lang === 'zh' ? '2-digit' : 'short', day: '2-digit' });
    return ticks.map(seconds => {
      const text = clock.format(new Date(seconds * 1000));
      return text === '00:00' ? day.format(new Date(seconds * 1000)) : text;
    });
  }

  function baseOptions(width) {
    return {
      width, height: 180,
      tzDate: seconds => uPlot.tzDate(new Date(seconds * 1000), state.snapshot.timezone),
      legend: { live: false }
    };
  }

  function timeAxis() {
    return { values: tickLabels };
  }

  function rateOptions(width) {
    return Object.assign(baseOptions(width), {
      scales: { y: { range: [0, 1] } },
      series: [{},
        { label: t('connectionRate'), stroke: '#1565c0', width: 2, value: (u, v) => percent(v) },
        { label: t('answerRate'), stroke: '#2e7d32', width: 2, value: (u, v) => percent(v) }],
      axes: [timeAxis(), { values: (u, values) => values.map(v => Math.round(v * 100) + '%') }]
    });
  }

  function offeredOptions(width) {
    return Object.assign(baseOptions(width), {
      scales: { y: { range: (u, min, max) => [0, Math.max(1, max)] } },
      series: [{}, { label: t('offeredCalls'), stroke: '#6a1b9a', fill: 'rgba(106,27,154,0.25)',
        paths: uPlot.paths.bars({ size: [0.7, 60] }) }],
      axes: [timeAxis(), {}]
    });
  }

  function setConnection(connectionState) {
    const node = document.getElementById('connection');
    node.dataset.state = connectionState;
    node.textContent = t(connectionState);
  }

  applyLabels();
  setConnection('connecting');
  const events = new EventSource(withToken('/api/events'));
  events.addEventListener('snapshot', event => render(JSON.parse(event.data)));
  events.addEventListener('open', () => setConnection('live'));
  events.addEventListener('error', () => setConnection('connecting'));
})();
