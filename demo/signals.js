/*
 * The signals page's live view: every call the vendors' stand-ins received (window.vendorLog,
 * written by demo/vendors/*.js), in order. Loaded at the end of <body>.
 */
(function () {
  'use strict';

  var list = document.getElementById('vendor-log');
  var shown = 0;

  function text(call) {
    return call
      .map(function (part) {
        return typeof part === 'string' ? part : JSON.stringify(part);
      })
      .join(' ');
  }

  function render() {
    var log = window.vendorLog || [];
    for (; shown < log.length; shown += 1) {
      var entry = log[shown];
      var note = String(entry.call[0]).charAt(0) === '(';
      var item = document.createElement('li');
      item.className = 'gtm-entry';
      item.setAttribute('data-kind', note && entry.call[0] === '(sent)' ? 'fire' : note && entry.call[0] === '(held)' ? 'problem' : entry.queued ? 'queued' : 'live');
      var vendor = document.createElement('strong');
      vendor.textContent = entry.vendor;
      item.append(vendor, entry.queued ? ' (rindā): ' : ': ', text(entry.call));
      list.append(item);
    }
  }

  document.addEventListener('vendor-log', render);
  render();
})();
