/*
 * The demo panel of the piekritu demo site. Plain browser script, no build.
 *
 * Loaded as a normal (not deferred) script in <head>: it starts listening on `document`
 * at once, so it hears the first `consent-ready` that the deferred piekritu script fires
 * while upgrading the element. Everything that touches the page waits for
 * DOMContentLoaded, which fires after deferred scripts, so `window.Piekritu` exists then.
 */
(function () {
  'use strict';

  var CATEGORIES = ['analytics', 'marketing', 'preferences'];
  var EVENTS = ['consent-ready', 'consent-change', 'consent-show', 'consent-hide', 'consent-cleanup'];
  var MAX_LOG = 50;

  var ready = false;
  var pendingLog = [];
  /** Per category: 'waiting' | 'running' | 'withdrawn' | 'regranted'. */
  var rows = { analytics: 'waiting', marketing: 'waiting', preferences: 'waiting' };
  var ranAt = {};
  var lastLayerText = null;
  var lastCookies = null;

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function clock(date) {
    var d = date || new Date();
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function $(id) {
    return document.getElementById(id);
  }

  function api() {
    return window.Piekritu;
  }

  // ---- gated rows ------------------------------------------------------------------------

  var ROW_TEXT = {
    waiting: function () {
      return 'gaida piekrišanu';
    },
    running: function (category) {
      return 'darbojas (kopš ' + ranAt[category] + ')';
    },
    withdrawn: function () {
      return 'piekrišana atsaukta, sīkdatnes dzēstas; skripts apstāsies pēc lapas pārlādes';
    },
    regranted: function () {
      return 'atkal atļauta; skripts darbojas reizi lapas ielādē, pārlādējiet lapu';
    },
  };

  function renderRow(category) {
    var row = $('status-' + category);
    if (!row) return;
    var state = rows[category];
    row.setAttribute('data-state', state);
    var text = row.querySelector('.status-text');
    if (text) text.textContent = ROW_TEXT[state](category);
  }

  /** Called by the gated scripts themselves (inline ones and marketing.js) when they run. */
  function ran(category) {
    if (!(category in rows)) return;
    ranAt[category] = clock();
    rows[category] = 'running';
    if (ready) {
      renderRow(category);
      renderCookies();
    }
  }

  /** After a decision: scripts that already ran cannot be unloaded, only reloaded away. */
  function followConsent(categories) {
    CATEGORIES.forEach(function (category) {
      var granted = categories[category] === true;
      var state = rows[category];
      if (!granted && (state === 'running' || state === 'regranted')) rows[category] = 'withdrawn';
      else if (granted && state === 'withdrawn') rows[category] = 'regranted';
      else return;
      renderRow(category);
    });
  }

  // ---- event log -------------------------------------------------------------------------

  function list(names) {
    return names && names.length ? names.join(', ') : '—';
  }

  function granted(categories) {
    return Object.keys(categories || {}).filter(function (name) {
      return name !== 'necessary' && categories[name] === true;
    });
  }

  function describe(type, detail) {
    detail = detail || {};
    switch (type) {
      case 'consent-ready':
        return (detail.decided ? 'izvēle atrasta' : 'izvēles nav') + '; atļautas: ' + list(granted(detail.categories)) + '; avots: ' + detail.source;
      case 'consent-change':
        return 'mainītas: ' + list(detail.changed) + '; atļautas: ' + list(granted(detail.categories)) + '; avots: ' + detail.source;
      case 'consent-show':
      case 'consent-hide':
        return 'skats: ' + detail.view;
      case 'consent-cleanup':
        return 'kategorijas: ' + list(detail.categories) + '; dzēstas sīkdatnes: ' + list(detail.cookies) + (detail.reloadAdvised ? '; ieteicams pārlādēt lapu' : '');
      default:
        return '';
    }
  }

  function appendLog(entry) {
    var log = $('event-log');
    if (!log) return;
    var item = document.createElement('li');
    item.className = 'log-entry';
    item.setAttribute('data-event', entry.type);
    var time = document.createElement('time');
    time.textContent = entry.time;
    var name = document.createElement('code');
    name.className = 'log-name';
    name.textContent = entry.type;
    var text = document.createElement('span');
    text.className = 'log-detail';
    text.textContent = entry.detail;
    item.append(time, ' ', name, ' ', text);
    log.prepend(item);
    while (log.children.length > MAX_LOG) log.lastElementChild.remove();
  }

  function onEvent(event) {
    var entry = { type: event.type, time: clock(), detail: describe(event.type, event.detail) };
    if (!ready) {
      pendingLog.push(entry);
      return;
    }
    appendLog(entry);
    if (event.type === 'consent-change' && event.detail) followConsent(event.detail.categories);
    if (event.type === 'consent-ready' || event.type === 'consent-change') renderConsent();
    if (event.type === 'consent-change') refreshRecordsSoon();
    renderLayer();
    renderCookies();
  }

  EVENTS.forEach(function (name) {
    document.addEventListener(name, onEvent);
  });

  // ---- live views ------------------------------------------------------------------------

  function renderConsent() {
    var out = $('consent-state');
    var piekritu = api();
    if (!out) return;
    if (!piekritu) {
      out.textContent = 'window.Piekritu nav pieejams';
      return;
    }
    var consent = piekritu.consent;
    var shown = Object.assign({}, consent);
    if (consent.timestamp) shown.timestamp = consent.timestamp + ' (' + new Date(consent.timestamp).toISOString() + ')';
    out.textContent = JSON.stringify(shown, null, 2);
  }

  function renderLayer() {
    var out = $('datalayer');
    if (!out) return;
    var text = window.piekrituDemoDataLayer();
    if (text === lastLayerText) return;
    lastLayerText = text;
    out.textContent = text;
  }

  function renderCookies() {
    var out = $('cookies');
    if (!out) return;
    var text;
    try {
      text = document.cookie;
    } catch (error) {
      text = '(document.cookie nav pieejams)';
    }
    text = text ? text.split(/;\s*/).join('\n') : '(nav sīkdatņu)';
    if (text === lastCookies) return;
    lastCookies = text;
    out.textContent = text;
  }

  var recordsTimers = [];

  function refreshRecords() {
    var out = $('records');
    if (!out || typeof fetch !== 'function') return;
    fetch('/api/consent', { headers: { accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (records) {
        if (!Array.isArray(records) || records.length === 0) {
          out.textContent = '(ierakstu vēl nav)';
          return;
        }
        out.textContent = records
          .slice(-5)
          .reverse()
          .map(function (record) {
            return JSON.stringify(record, null, 2);
          })
          .join('\n\n');
      })
      .catch(function (error) {
        out.textContent = 'Ierakstus neizdevās ielādēt (' + error.message + ')';
      });
  }

  /** The record is sent in the background after a decision; look a little later, twice. */
  function refreshRecordsSoon() {
    recordsTimers.forEach(clearTimeout);
    recordsTimers = [setTimeout(refreshRecords, 300), setTimeout(refreshRecords, 1500)];
  }

  // ---- controls --------------------------------------------------------------------------

  function setupControls() {
    var element = document.querySelector('piekritu-consent');

    document.querySelectorAll('input[name="demo-lang"]').forEach(function (input) {
      input.checked = input.value === (document.documentElement.lang || 'lv');
      input.addEventListener('change', function () {
        if (input.checked) document.documentElement.lang = input.value;
      });
    });

    var theme = (element && element.getAttribute('theme')) || 'auto';
    document.documentElement.setAttribute('data-theme', theme);
    document.querySelectorAll('input[name="demo-theme"]').forEach(function (input) {
      input.checked = input.value === theme;
      input.addEventListener('change', function () {
        if (!input.checked) return;
        if (element) element.setAttribute('theme', input.value);
        // The demo page follows the same theme as the banner.
        document.documentElement.setAttribute('data-theme', input.value);
      });
    });

    $('demo-reset').addEventListener('click', function () {
      if (api()) api().reset();
    });
    $('demo-open').addEventListener('click', function () {
      if (api()) api().show('preferences');
    });
    $('records-refresh').addEventListener('click', refreshRecords);
  }

  function setup() {
    ready = true;
    CATEGORIES.forEach(renderRow);
    setupControls();

    if (!api()) {
      var warning = $('demo-warning');
      warning.textContent =
        'Skripts /dist/piekritu.min.js nav ielādēts. Vispirms izveidojiet to (npx rollup -c) un pārlādējiet lapu.';
      warning.hidden = false;
      $('demo-reset').disabled = true;
      $('demo-open').disabled = true;
    }

    pendingLog.forEach(appendLog);
    pendingLog = [];
    renderConsent();
    renderLayer();
    renderCookies();
    refreshRecords();
    // Other scripts may push to dataLayer or set cookies at any time: keep the view fresh.
    setInterval(function () {
      renderLayer();
      renderCookies();
    }, 1000);
  }

  window.piekrituDemo = { ran: ran };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setup);
  else setup();
})();
