/*
 * A fake "marketing tag" for the piekritu demo. On a real site this would be an ad or
 * remarketing script from a third party; here it only sets one first-party cookie and
 * reports to the demo panel. It makes no network requests.
 *
 * It is loaded only through
 *   <script type="text/plain" data-consent="marketing" data-src="/demo/marketing.js" data-cookies="demo_marketing">
 * so it runs once "marketing" is granted, and `demo_marketing` is deleted on withdrawal.
 */
(function () {
  'use strict';
  document.cookie = 'demo_marketing=1; path=/; SameSite=Lax';
  if (window.piekrituDemo) window.piekrituDemo.ran('marketing', 'marketing.js');
})();
