/*
 * The demos' view of `window.dataLayer`: each entry numbered, gtag's `arguments` objects
 * shown as the arrays they stand for. Used by demo.js and consent-mode.js.
 */
(function () {
  'use strict';

  function entryOf(item) {
    // gtag pushes its `arguments` object; anything else on the dataLayer is shown as is.
    if (item && typeof item === 'object' && Object.prototype.toString.call(item) === '[object Arguments]') {
      return Array.from(item);
    }
    return item;
  }

  /** `["consent", "update", {...}]`: the command on one line, its parameters one per line. */
  function formatEntry(value) {
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

  window.piekrituDemoDataLayer = function () {
    var layer = window.dataLayer;
    if (!Array.isArray(layer) || layer.length === 0) return '(tukšs)';
    return layer
      .map(function (item, i) {
        var value;
        try {
          value = formatEntry(entryOf(item));
        } catch (error) {
          value = String(item);
        }
        return i + ': ' + value;
      })
      .join('\n\n');
  };
})();
