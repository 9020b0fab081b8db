/*
 * SIA "Paraugs" demo shop: a shopping basket that lives in a necessary session cookie
 * (no consent needed: the visitor asked for it). No network.
 */
(function () {
  'use strict';

  var COOKIE = 'paraugs_grozs';

  function count() {
    var match = document.cookie.match(/(?:^|;\s*)paraugs_grozs=(\d+)/);
    return match ? Number(match[1]) : 0;
  }

  function render() {
    var out = document.getElementById('basket-count');
    if (out) out.textContent = String(count());
  }

  document.querySelectorAll('[data-add-to-basket]').forEach(function (button) {
    button.addEventListener('click', function () {
      document.cookie = COOKIE + '=' + (count() + 1) + '; path=/; SameSite=Lax';
      render();
      var status = document.getElementById('basket-status');
      if (status) status.textContent = '„' + button.getAttribute('data-add-to-basket') + '” ielikts grozā.';
    });
  });

  render();
})();
