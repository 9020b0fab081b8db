/*
 * Stand-in for Microsoft Clarity's tag (https://www.clarity.ms/tag/<id>). Like the real
 * tag it replaces window.clarity and runs the calls its queue stub collected
 * (window.clarity.q) in order, then each later call. Consent: `consentv2` with
 * ad_Storage / analytics_Storage; it would set its cookies (_clck, _clsk) only with
 * analytics_Storage granted, and records without them otherwise.
 */
(function (w) {
  var record = w.recordVendor;
  var queued = (w.clarity && w.clarity.q) || [];
  var consent = null;
  function run(call, wasQueued) {
    record('clarity', call, wasQueued);
    if (call[0] === 'consentv2') consent = call[1];
  }
  record('clarity', ['(loaded)'], false);
  for (var i = 0; i < queued.length; i += 1) run(queued[i], true);
  // No signal at all by now: the tag starts as its project settings say, cookies and all.
  record('clarity', [consent && consent.analytics_Storage === 'granted' ? '(recording with cookies)' : consent ? '(recording without cookies)' : '(recording with cookies: no consent signal)'], false);
  w.clarity = function () {
    run(arguments, false);
  };
})(window);
