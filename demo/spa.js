/*
 * A tiny single-page app for the piekritu demo: hash routes, no framework, no network.
 *
 * Each route's view is built the first time it is visited and appended to the page; later
 * visits only show it again. So gated content reaches the document long after piekritu
 * started:
 *   #/video      an <iframe data-consent="marketing" data-src="/demo/embed.html">
 *   #/atskaites  a <script type="text/plain" data-consent="analytics">
 * piekritu notices both (it watches the document), puts a placeholder before the blocked
 * iframe, and runs the script once, when "analytics" is granted, never again on this page
 * load, however often the route is visited or the choice changes.
 */
(function () {
  'use strict';

  var outlet = document.getElementById('app-view');
  var logList = document.getElementById('spa-log');
  var runsOut = document.getElementById('analytics-runs');
  var views = {};
  var current = null;
  var analyticsRuns = 0;
  var embedLoads = 0;

  function clock() {
    var d = new Date();
    return [d.getHours(), d.getMinutes(), d.getSeconds()]
      .map(function (n) {
        return n < 10 ? '0' + n : String(n);
      })
      .join(':');
  }

  function log(text) {
    var item = document.createElement('li');
    item.className = 'log-entry';
    var time = document.createElement('time');
    time.textContent = clock();
    item.append(time, ' ', text);
    logList.prepend(item);
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  var ROUTES = {
    '#/': {
      title: 'Sākums',
      build: function () {
        return [
          el('p', {}, ['Šī ir vienas lapas lietotne: saites zemāk maina tikai šo skatu, lapa netiek pārlādēta.']),
          el('p', {}, [
            'Atveriet „Video pamācība” un „Atskaites”: to saturs lapā parādās tikai tad, un tajā ir elementi, kam vajag piekrišanu.',
          ]),
        ];
      },
    },
    '#/video': {
      title: 'Video pamācība',
      build: function () {
        var frame = el('iframe', {
          class: 'embed-frame',
          'data-consent': 'marketing',
          'data-src': '/demo/embed.html',
          'data-cookies': 'demo_video',
          title: 'Video: PVN deklarācija piecās minūtēs',
          width: '640',
          height: '360',
        });
        log('Maršruts #/video pievienoja <iframe data-consent="marketing">.');
        return [
          el('p', {}, [
            'Video atskaņotājs ir trešās puses iegulums (šeit — lokāla imitācija). Bez piekrišanas mārketinga sīkdatnēm tā vietā redzams paskaidrojums ar pogu.',
          ]),
          frame,
        ];
      },
    },
    '#/atskaites': {
      title: 'Atskaites',
      build: function () {
        var script = el('script', { type: 'text/plain', 'data-consent': 'analytics' });
        script.text = 'window.spaDemo.analyticsLoaded();';
        log('Maršruts #/atskaites pievienoja <script type="text/plain" data-consent="analytics">.');
        return [
          el('p', {}, [
            'Šis skats pievieno lapai analītikas skriptu. Tas izpildās vienreiz, kad analītika ir atļauta, un pēc tam skaita šīs lietotnes skatījumus.',
          ]),
          el('ul', {}, [
            el('li', {}, ['Peļņas vai zaudējumu aprēķins: novembris']),
            el('li', {}, ['PVN pārskats: 2026. gada 3. ceturksnis']),
            el('li', {}, ['Debitoru saraksts ar kavējumiem']),
          ]),
          script,
        ];
      },
    },
  };

  function viewFor(route) {
    if (views[route]) return views[route];
    var spec = ROUTES[route];
    var heading = el('h3', { tabindex: '-1' }, [spec.title]);
    var section = el('section', { 'data-route': route, 'aria-label': spec.title }, [heading].concat(spec.build()));
    section.hidden = true;
    // One insertion: the gated elements reach the document together with their view.
    outlet.append(section);
    views[route] = section;
    return section;
  }

  function show(route, focus) {
    if (!ROUTES[route]) route = '#/';
    if (route === current) return;
    current = route;
    var view = viewFor(route);
    Object.keys(views).forEach(function (name) {
      views[name].hidden = views[name] !== view;
    });
    document.querySelectorAll('.app-nav a').forEach(function (link) {
      if (link.getAttribute('href') === route) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
    document.title = ROUTES[route].title + ' — vienas lapas lietotne (piekritu demo)';
    if (focus) view.querySelector('h3').focus();
    if (window.spaDemo.analytics) window.spaDemo.analytics.pageview(route);
  }

  window.spaDemo = {
    analytics: null,
    /** Called by the gated analytics script when piekritu runs it. */
    analyticsLoaded: function () {
      analyticsRuns += 1;
      runsOut.textContent = String(analyticsRuns);
      log('Analītikas skripts izpildīts (' + analyticsRuns + '. reize šajā lapas ielādē).');
      window.spaDemo.analytics = {
        pageview: function (route) {
          log('Analītika: skatījums ' + route + '.');
        },
      };
      window.spaDemo.analytics.pageview(current);
    },
  };

  window.addEventListener('message', function (event) {
    if (event.origin !== location.origin || !event.data || event.data.type !== 'demo-embed') return;
    embedLoads += 1;
    log('Video iegulums ielādēts (' + embedLoads + '. reize).');
  });

  window.addEventListener('hashchange', function () {
    // Other in-page links (the skip link) are not routes.
    if (location.hash.indexOf('#/') === 0) show(location.hash, true);
  });

  document.addEventListener('consent-change', function (event) {
    var changed = (event.detail && event.detail.changed) || [];
    if (changed.length) log('Piekrišana mainīta: ' + changed.join(', ') + '.');
  });

  show(location.hash.indexOf('#/') === 0 ? location.hash : '#/', false);
})();
