/*
 * Shared bits of the demo's scenario pages (consent-mode, spa, own-policy). Plain browser
 * script, no build, no network.
 *
 * Load it as a normal script in <head>, after piekritu: it listens on `document` at once,
 * so it also hears the first `consent-ready`, and touches the page only after
 * DOMContentLoaded.
 *
 *   [data-demo-consent]        text: which categories are granted now
 *   [data-demo-action="reset"] button: forget the choice (the banner shows again)
 *   input[name="demo-lang"]    radio buttons: the banner's language (<html lang>)
 */
(function () {
  'use strict';

  var LABELS = {
    preferences: 'funkcionālās',
    analytics: 'analītikas',
    marketing: 'mārketinga',
    social: 'sociālo tīklu',
  };

  function summary(consent) {
    if (!consent || !consent.decided) return 'Izvēle vēl nav izdarīta: darbojas tikai nepieciešamās sīkdatnes.';
    var granted = Object.keys(consent.categories).filter(function (name) {
      return name !== 'necessary' && consent.categories[name] === true;
    });
    if (granted.length === 0) return 'Izvēle saglabāta: atļautas tikai nepieciešamās sīkdatnes.';
    return (
      'Izvēle saglabāta: atļautas nepieciešamās un ' +
      granted
        .map(function (name) {
          return LABELS[name] || name;
        })
        .join(', ') +
      ' sīkdatnes.'
    );
  }

  var last = null;

  function render(consent) {
    if (consent) last = consent;
    if (document.readyState === 'loading') return;
    var text = summary(last || (window.Piekritu && window.Piekritu.consent));
    document.querySelectorAll('[data-demo-consent]').forEach(function (node) {
      node.textContent = text;
    });
  }

  ['consent-ready', 'consent-change'].forEach(function (type) {
    document.addEventListener(type, function (event) {
      render(event.detail);
    });
  });

  function setup() {
    document.querySelectorAll('[data-demo-action="reset"]').forEach(function (button) {
      button.addEventListener('click', function () {
        if (window.Piekritu) window.Piekritu.reset();
      });
    });
    document.querySelectorAll('input[name="demo-lang"]').forEach(function (input) {
      input.checked = input.value === (document.documentElement.lang || 'lv');
      input.addEventListener('change', function () {
        if (input.checked) document.documentElement.lang = input.value;
      });
    });
    render();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setup);
  else setup();
})();
