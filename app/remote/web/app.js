// Liyuan tablet remote: lists views and tours, sends commands over the HTTP API, shows the live
// presenter state from the WebSocket. The token comes once in ?token= and is kept in
// sessionStorage (then removed from the address bar).
'use strict';
(function () {
  const params = new URLSearchParams(location.search);
  let token = params.get('token') || sessionStorage.getItem('liyuanToken') || '';
  const autotest = params.get('autotest');
  if (params.get('token')) {
    sessionStorage.setItem('liyuanToken', token);
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', location.pathname + (rest ? '?' + rest : ''));
  }
  const $ = (id) => document.getElementById(id);
  let state = {};
  const lang = (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';

  function showError(text) { $('error').textContent = text || ''; }

  async function api(method, path, body) {
    const res = await fetch(path, {
      method: method,
      headers: Object.assign({ 'Authorization': 'Bearer ' + token },
                             body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined,
      cache: 'no-store'
    });
    let json = {};
    try { json = await res.json(); } catch (e) { json = { error: 'not JSON' }; }
    if (!res.ok) showError(res.status + ': ' + (json.error || res.statusText));
    else showError('');
    if (json.presenter) render(json.presenter);
    return { status: res.status, json: json };
  }

  function render(p) {
    state = p || {};
    const caption = (state.caption && typeof state.caption === 'object') ? (state.caption[lang] || '') : (state.caption || '');
    $('caption').textContent = caption || '\u00a0';
    if (state.tour) {
      const n = state.stepCount || 0;
      $('step').textContent = state.tour + ' \u00b7 step ' + ((state.step | 0) + 1) + ' / ' + n +
          (state.paused ? ' (paused)' : state.playing ? '' : ' (stopped)') + (state.blanked ? ' \u00b7 blank' : '');
    } else {
      $('step').textContent = 'no tour' + (state.blanked ? ' \u00b7 blank' : '');
    }
    const pause = $('pause');
    pause.dataset.cmd = state.paused ? 'resume' : 'pause';
    pause.textContent = state.paused ? '\u25b6 Resume' : '\u275a\u275a Pause';
    document.querySelectorAll('#tours button').forEach((b) => b.classList.toggle('current', b.dataset.name === state.tour));
  }

  function fillList(id, names, action) {
    const ul = $(id);
    ul.textContent = '';
    names.forEach((name) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.textContent = name;
      b.dataset.name = name;
      b.addEventListener('click', () => action(name));
      li.appendChild(b);
      ul.appendChild(li);
    });
  }

  const enc = encodeURIComponent;
  const go = (name) => api('POST', '/api/views/' + enc(name) + '/go');
  const play = (name) => api('POST', '/api/tours/' + enc(name) + '/play');

  async function loadLists() {
    const v = await api('GET', '/api/views');
    if (v.status === 200) fillList('views', v.json.views.map((x) => x.name), go);
    const t = await api('GET', '/api/tours');
    if (t.status === 200) fillList('tours', t.json.tours.map((x) => x.name), play);
  }

  document.querySelectorAll('#controls button').forEach((b) => {
    b.addEventListener('click', () => api('POST', '/api/' + b.dataset.cmd));
  });

  let socket = null;
  let lastPush = null;
  function connect() {
    const proto = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(proto + location.host + '/ws?token=' + enc(token));
    socket.onopen = () => { $('conn').textContent = 'live'; $('conn').className = 'on'; };
    socket.onclose = () => {
      $('conn').textContent = 'offline'; $('conn').className = 'off';
      setTimeout(connect, 2000);
    };
    socket.onmessage = (ev) => {
      let m;
      try { m = JSON.parse(ev.data); } catch (e) { return; }
      if (m.type === 'state') { lastPush = m.presenter; render(m.presenter); }
      else if (m.type === 'error') showError(m.error);
    };
  }

  // Test hook: ?autotest=play:TOUR,next,... clicks through the page's own buttons and lists,
  // then writes what happened (HTTP replies, the state last pushed on the WebSocket) into
  // #autotest-result.
  async function runAutotest(spec) {
    const out = { actions: [], done: false };
    for (let i = 0; i < 3000 && (!socket || socket.readyState !== WebSocket.OPEN); ++i)
      await fetch('/api/views', { headers: { 'Authorization': 'Bearer ' + token }, cache: 'no-store' });
    for (const step of spec.split(',')) {
      const [what, arg] = step.split(':');
      let r;
      if (what === 'play' || what === 'go') {
        const button = Array.from(document.querySelectorAll('#' + (what === 'play' ? 'tours' : 'views') + ' button'))
            .find((b) => b.dataset.name === arg);
        if (!button) { out.actions.push({ step: step, error: 'no such button' }); continue; }
        r = await (what === 'play' ? play(arg) : go(arg));
      } else {
        const button = $(what);
        if (!button) { out.actions.push({ step: step, error: 'no such button' }); continue; }
        r = await api('POST', '/api/' + button.dataset.cmd);
      }
      out.actions.push({ step: step, status: r.status, tour: r.json.presenter ? r.json.presenter.tour : undefined,
                         stepIndex: r.json.presenter ? r.json.presenter.step : undefined });
    }
    // wait (bounded) for the WebSocket to push the state the last command made. (Polled with
    // requests, not timers: under chromium's --virtual-time-budget timers run in virtual time.)
    const last = out.actions[out.actions.length - 1] || {};
    for (let i = 0; i < 3000 && !(lastPush && lastPush.step === last.stepIndex && lastPush.tour === last.tour); ++i)
      await fetch('/api/state', { headers: { 'Authorization': 'Bearer ' + token }, cache: 'no-store' });
    out.pushed = lastPush;
    out.shown = $('step').textContent;
    out.done = true;
    const pre = $('autotest-result');
    pre.textContent = JSON.stringify(out);
    pre.hidden = false;
  }

  (async () => {
    connect();
    await loadLists();
    if (autotest) await runAutotest(autotest);
  })();
})();
