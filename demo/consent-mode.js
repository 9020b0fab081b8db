/*
 * The Consent Mode page's live views: what the (fake) tag manager saw, in order, and
 * `window.dataLayer` as it is now. Loaded at the end of <body>, after fake-gtm.js.
 */
(function () {
  'use strict';

  var gtmLog = document.getElementById('gtm-log');
  var layerView = document.getElementById('datalayer');

  function renderLayer() {
    layerView.textContent = window.piekrituDemoDataLayer();
  }

  var LABELS = { load: 'ielāde', event: 'notikums', default: 'noklusējums', update: 'atjauninājums', fire: 'tagi', problem: 'problēma' };

  function append(entry) {
    var item = document.createElement('li');
    item.className = 'gtm-entry';
    item.setAttribute('data-kind', entry.kind);
    var time = document.createElement('time');
    time.textContent = '+' + entry.at + ' ms';
    var kind = document.createElement('strong');
    kind.textContent = LABELS[entry.kind] || entry.kind;
    item.append(time, ' ', kind, ': ', entry.text);
    gtmLog.append(item);
    renderLayer();
  }

  if (!window.fakeGtm) {
    var warning = document.createElement('li');
    warning.className = 'gtm-entry';
    warning.setAttribute('data-kind', 'problem');
    warning.textContent = 'fake-gtm.js nav ielādēts.';
    gtmLog.append(warning);
  } else {
    window.fakeGtm.log.forEach(append);
    window.fakeGtm.subscribe(append);
  }
  renderLayer();
})();
