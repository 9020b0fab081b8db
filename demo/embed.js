/*
 * A stand-in for a third-party video player: it sets a cookie as such players do
 * (deleted by piekritu when "marketing" is withdrawn: data-cookies="demo_video") and
 * tells the demo page it loaded. No network requests.
 */
(function () {
  'use strict';
  document.cookie = 'demo_video=1; path=/; SameSite=Lax';
  // The embedding page may name the video: embed.html?title=…
  var title = new URLSearchParams(location.search).get('title');
  if (title) {
    document.title = 'Video: ' + title + ' (demo iegulums)';
    document.querySelector('h1').textContent = title;
    document.getElementById('byline').textContent = 'Video · demo iegulums, bez tīkla';
  }
  var seconds = 0;
  var timer = null;
  var button = document.getElementById('play');
  var icon = document.getElementById('icon');
  function paint() {
    document.getElementById('time').textContent = Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
    document.getElementById('fill').style.width = (seconds / 300) * 100 + '%';
  }
  button.addEventListener('click', function () {
    var playing = timer === null;
    button.setAttribute('aria-pressed', String(playing));
    button.setAttribute('aria-label', playing ? 'Pauze' : 'Atskaņot');
    icon.setAttribute('d', playing ? 'M7 5h4v14H7zM13 5h4v14h-4z' : 'M8 5v14l11-7z');
    if (playing) {
      timer = setInterval(function () {
        seconds = (seconds + 1) % 301;
        paint();
      }, 1000);
    } else {
      clearInterval(timer);
      timer = null;
    }
  });
  if (window.parent !== window) window.parent.postMessage({ type: 'demo-embed', state: 'loaded' }, location.origin);
})();
