/*
 * Stand-in for Meta Pixel's fbevents.js (https://connect.facebook.net/en_US/fbevents.js).
 * Like the real script it finds the fbq queue stub, installs fbq.callMethod, and runs
 * what was queued (fbq.queue) in order, then each later call. While consent is revoked it holds hits; on
 * `grant` it sends them.
 */
(function (w) {
  var record = w.recordVendor;
  // Loaded without the base code's stub, it makes its own (with an empty queue).
  var fbq =
    w.fbq ||
    (w.fbq = function () {
      fbq.callMethod.apply(fbq, arguments);
    });
  var revoked = false;
  var held = [];
  function send(call) {
    record('meta', ['(sent)', call[0], call[1]], false);
  }
  function run(call, wasQueued) {
    call = Array.prototype.slice.call(call);
    record('meta', call, wasQueued);
    if (call[0] === 'consent') {
      revoked = call[1] === 'revoke';
      if (!revoked) held.splice(0).forEach(send);
    } else if (call[0] === 'track' || call[0] === 'trackCustom') {
      if (revoked) {
        held.push(call);
        record('meta', ['(held)', call[0], call[1]], false);
      } else send(call);
    }
  }
  record('meta', ['(loaded)'], false);
  fbq.callMethod = function () {
    run(arguments, false);
  };
  var queued = fbq.queue || [];
  fbq.queue = [];
  for (var i = 0; i < queued.length; i += 1) run(queued[i], true);
})(window);
