/*
 * The audit demo's "other site" (an ad network, a tracker): on localhost it is 127.0.0.1
 * and the other way round, so the browser sees a real third party on the demo server;
 * under the audit tests' host names (www.example.test) it is tracker.other.test.
 */
window.otherSite = function (path) {
  var host = location.hostname;
  var other = host === 'localhost' ? '127.0.0.1' : /\.test$/.test(host) ? 'tracker.other.test' : 'localhost';
  return location.protocol + '//' + other + (location.port ? ':' + location.port : '') + path;
};
