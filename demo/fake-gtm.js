/*
 * A fake Google Tag Manager for the piekritu demo's Consent Mode page. It makes no network
 * requests and sets no cookies: it only reads `window.dataLayer` the way a tag manager
 * does and writes down what it sees and when it would fire its tags.
 *
 * Like the real container it
 *   - processes what is already queued on `window.dataLayer` when it loads, then every
 *     later push (it replaces `dataLayer.push`);
 *   - reads `gtag('consent', 'default' | 'update', {...})` commands (gtag pushes its
 *     `arguments` object, not an array);
 *   - holds its "All pages" tags back for `wait_for_update` milliseconds after a default,
 *     fires them at once when an update arrives first, and re-evaluates them on every
 *     later update.
 * A tag manager that loads before the consent default has no consent state when it fires:
 * that is the mistake the page's placement avoids, and it is reported as a problem here.
 *
 * Page scripts read `window.fakeGtm.log` and `window.fakeGtm.subscribe(fn)`.
 */
(function () {
  'use strict';

  if (window.fakeGtm) return;

  var layer = (window.dataLayer = window.dataLayer || []);
  var log = [];
  var listeners = [];
  /** Consent signals as the tag manager knows them; null until a default or update. */
  var state = null;
  var fired = false;
  var waitTimer = null;

  /** The container's tags and the signals each one needs for its full behaviour. */
  var TAGS = [
    { name: 'GA4 — lapas skatījums', needs: ['analytics_storage'], granted: 'iestata _ga sīkdatnes un sūta pilnu skatījumu', denied: 'sūta tikai bezsīkdatņu signālu' },
    { name: 'Google Ads — remārketings', needs: ['ad_storage', 'ad_user_data', 'ad_personalization'], granted: 'iestata reklāmas sīkdatnes', denied: 'nedarbojas' },
    { name: 'Tērzēšanas logrīks', needs: ['functionality_storage'], granted: 'atceras sarunu', denied: 'darbojas bez atmiņas' },
  ];

  function now() {
    return Math.round(window.performance && performance.now ? performance.now() : 0);
  }

  function note(kind, text) {
    var entry = { kind: kind, text: text, at: now() };
    log.push(entry);
    listeners.forEach(function (listener) {
      try {
        listener(entry);
      } catch (error) {
        setTimeout(function () {
          throw error;
        });
      }
    });
  }

  function argumentsOf(item) {
    return Object.prototype.toString.call(item) === '[object Arguments]' ? Array.prototype.slice.call(item) : null;
  }

  function signals(params) {
    return Object.keys(params)
      .filter(function (key) {
        return /_storage$|^ad_/.test(key);
      })
      .map(function (key) {
        return key + '=' + params[key];
      })
      .join(', ');
  }

  function tagOutcome(tag) {
    var ok =
      state !== null &&
      tag.needs.every(function (signal) {
        return state[signal] === 'granted';
      });
    if (state === null) return tag.name + ': ' + tag.granted + ' — bez jebkādas piekrišanas!';
    return tag.name + ': ' + (ok ? tag.granted : tag.denied);
  }

  function fire(reason) {
    if (fired) return;
    fired = true;
    clearTimeout(waitTimer);
    if (state === null) {
      note('problem', 'Tagi tiek palaisti bez piekrišanas stāvokļa (' + reason + '): consent default nepienāca pirms tagu pārvaldnieka.');
    } else {
      note('fire', 'Tagi tiek palaisti (' + reason + ').');
    }
    TAGS.forEach(function (tag) {
      note(state === null ? 'problem' : 'fire', tagOutcome(tag));
    });
  }

  function handle(item, queued) {
    var where = queued ? ' (jau bija rindā, kad tagu pārvaldnieks ielādējās)' : '';
    var args = argumentsOf(item);
    if (!args) {
      var event = item && typeof item === 'object' && item.event;
      note('event', event ? 'Notikums ' + event + where : 'Dati ' + JSON.stringify(item) + where);
      return;
    }
    if (args[0] !== 'consent') {
      note('event', 'gtag(' + JSON.stringify(args[0]) + ', …)' + where);
      return;
    }
    var params = args[2] && typeof args[2] === 'object' ? args[2] : {};
    if (args[1] === 'default') {
      if (fired) note('problem', 'consent default pienāca pēc tagu palaišanas: par vēlu.');
      state = {};
      Object.keys(params).forEach(function (key) {
        state[key] = params[key];
      });
      var wait = Number(params.wait_for_update) || 0;
      note('default', 'consent default' + where + ': ' + signals(params) + (wait ? '; gaidīt atjauninājumu ' + wait + ' ms' : ''));
      if (!fired && wait > 0 && waitTimer === null) {
        waitTimer = setTimeout(function () {
          fire('wait_for_update ' + wait + ' ms beidzās bez atjauninājuma');
        }, wait);
      }
    } else if (args[1] === 'update') {
      state = state || {};
      Object.keys(params).forEach(function (key) {
        state[key] = params[key];
      });
      note('update', 'consent update' + where + ': ' + signals(params));
      if (!fired) fire('atjauninājums pienāca laikā');
      else {
        note('fire', 'Tagi pārvērtēti pēc atjauninājuma.');
        TAGS.forEach(function (tag) {
          note('fire', tagOutcome(tag));
        });
      }
    } else {
      note('event', 'gtag("consent", ' + JSON.stringify(args[1]) + ', …)' + where);
    }
  }

  note('load', 'Tagu pārvaldnieks ielādēts; ierakstu skaits dataLayer rindā: ' + layer.length + '.');
  // The real snippet pushes this event as it starts the container.
  layer.push({ 'gtm.start': Date.now(), event: 'gtm.js' });
  var queued = layer.slice();
  var push = layer.push;
  layer.push = function () {
    var result = push.apply(layer, arguments);
    for (var i = 0; i < arguments.length; i += 1) handle(arguments[i], false);
    return result;
  };
  queued.forEach(function (item) {
    handle(item, true);
  });
  // "All pages" tags fire on gtm.js, unless a consent default asked them to wait.
  if (!fired && waitTimer === null) fire('lapa ielādēta');

  window.fakeGtm = {
    log: log,
    subscribe: function (listener) {
      listeners.push(listener);
      return function () {
        listeners = listeners.filter(function (other) {
          return other !== listener;
        });
      };
    },
  };
})();
