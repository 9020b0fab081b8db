/* Google's tag snippet, pointed at gtag.js on this server's port (the tests map the host here). */
(function () {
  var tag = document.createElement('script');
  tag.src = 'http://www.googletagmanager.com' + (location.port ? ':' + location.port : '') + '/gtag/js?id=G-TEST';
  document.head.appendChild(tag);
})();
