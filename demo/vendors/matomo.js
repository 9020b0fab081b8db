/*
 * Stand-in for Matomo's matomo.js. Like the real tracker it reads the commands queued on
 * window._paq (arrays), runs them in order, and replaces _paq with an object whose push()
 * runs each command at once. After `requireConsent` it holds every hit (and sets no
 * cookie) until `setConsentGiven`; `forgetConsentGiven` holds them again.
 */
(function (w) {
  var record = w.recordVendor;
  var queued = Array.isArray(w._paq) ? w._paq : [];
  var required = false;
  var given = false;
  var held = [];
  function send(call) {
    record('matomo', ['(sent)', call[0]], false);
  }
  function run(call, wasQueued) {
    record('matomo', call, wasQueued);
    var name = call[0];
    if (name === 'requireConsent') required = true;
    else if (name === 'setConsentGiven' || name === 'rememberConsentGiven') {
      given = true;
      held.splice(0).forEach(send);
    } else if (name === 'forgetConsentGiven') {
      required = true;
      given = false;
    } else if (/^track/.test(name)) {
      if (required && !given) {
        held.push(call);
        record('matomo', ['(held)', name], false);
      } else send(call);
    }
  }
  record('matomo', ['(loaded)'], false);
  for (var i = 0; i < queued.length; i += 1) run(queued[i], true);
  w._paq = {
    push: function (call) {
      run(call, false);
    },
  };
})(window);
