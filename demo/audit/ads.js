/*
 * The well-wired shop's marketing tag: gated, it runs only once "marketing" is granted.
 * It sets a first-party cookie and calls its ad network (the demo's other site).
 */
document.cookie = 'shop_ads=1; path=/; max-age=7776000; SameSite=Lax';
new Image().src = window.otherSite('/demo/audit/pixel.svg?event=view');
