/*
 * The log that the demo's vendor stand-ins write into (demo/vendors/*.js). The stand-ins
 * make no network request and set no cookie: they take over the vendor's global the way
 * the real script does, replay what was queued before they loaded, and note every call.
 *
 * window.vendorLog: [{ vendor, call, queued }] in the order the vendor saw them. `queued`
 * marks the calls that were already waiting when the vendor's script loaded; the entry
 * ['(loaded)'] marks the load itself; entries in parentheses are what the vendor did
 * (sent a hit, held it for consent).
 */
(function () {
  var log = (window.vendorLog = window.vendorLog || []);
  /** JSON-safe copy of a call: `arguments` objects become arrays. */
  function plain(call) {
    return JSON.parse(JSON.stringify(Array.prototype.slice.call(call)));
  }
  window.recordVendor = function (vendor, call, queued) {
    log.push({ vendor: vendor, call: plain(call), queued: Boolean(queued) });
    document.dispatchEvent(new CustomEvent('vendor-log'));
  };
})();
