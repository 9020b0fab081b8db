/*
 * The Consent Mode page's live views: what the (fake) tag manager saw, in order, and
 * `window.dataLayer` as it is now. Loaded at the end of <body>, after fake-gtm.js.
 */
(function () {
  'use strict';

  var gtmLog = document.getElementById('gtm-log');
  var layerView = document.getElementById('datalayer');

  function entryOf(item) {
    // gtag pushes its `arguments` object; show it as the array it stands for.
    if (Object.prototype.toString.call(item) === '[object Arguments]') return Array.prototype.slice.call(item);
    return item;
  }

  function format(value) {
    if (!Array.isArray(value)) return JSON.stringify(value, null, 2);
    return (
      '[' +
      value
        .map(function (part) {
          return part && typeof part === 'object' ? JSON.stringify(part, null, 2).replace(/\n/g, '\n  ') : JSON.stringify(part);
        })
        .join(', ') +
      ']'
    );
  }

  function renderLayer() {
    var layer = window.dataLayer;
    if (!Array.isArray(layer) || layer.length === 0) {
      layerView.textContent = '(tukšs)';
      return;
    }
    layerView.textContent = layer
      .map(function (item, i) {
        var text;
        try {
          text = format(entryOf(item));
        } catch (error) {
          text = String(item);
        }
        return i + ': ' + text;
      })
      .join('\n\n');
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
