/*
 * Stand-in for Microsoft UET's bat.js (https://bat.bing.com/bat.js). Like the real script,
 * the site's UET snippet hands it the flat window.uetq list, it replays it and replaces
 * window.uetq with an object whose push() works at once, then sends the page load. Each
 * hit carries the ad_storage state as UET's `asc` (G or D); with no default set, UET
 * assumes granted.
 */
(function (w) {
  var record = w.recordVendor;
  var queued = Array.isArray(w.uetq) ? w.uetq : [];
  var adStorage = null;
  function run(items, wasQueued) {
    for (var i = 0; i < items.length; i += 1) {
      var item = items[i];
      if (item === 'consent') {
        record('uet', [item, items[i + 1], items[i + 2]], wasQueued);
        adStorage = items[i + 2] && items[i + 2].ad_storage;
        i += 2;
      } else {
        record('uet', [item], wasQueued);
        record('uet', ['(sent)', item, { asc: adStorage === 'denied' ? 'D' : 'G' }], false);
      }
    }
  }
  record('uet', ['(loaded)'], false);
  run(queued, true);
  w.uetq = {
    push: function () {
      run(Array.prototype.slice.call(arguments), false);
    },
  };
  w.uetq.push('pageLoad');
})(window);
