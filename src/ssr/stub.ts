/**
 * The instant snippet's `<head>` stub, as source text: a few hundred bytes that run before
 * the page's first frame. It reads the consent cookie with the codec's and the store's
 * rules (format 1 as piekritu writes it, the revision, the policy version, the age), and
 *
 * - hides the banner the page carries when the stored choice counts, by setting
 *   `--piekritu-instant: none` on `<html>` (it inherits into the shadow root, whose
 *   style reads it);
 * - with `data-consent-mode`, pushes Google Consent Mode's default onto `dataLayer` at
 *   once, before any tag, and marks the layer (`dataLayer.piekritu`) so the element
 *   pushes no second default.
 *
 * Everything it needs comes from its own `data-*` attributes, so one text (one CSP hash)
 * serves every site: `data-cookie`, `data-revision`, `data-policy`, `data-days`,
 * `data-consent-mode`, `data-wait`, `data-region`.
 */
import { defaultCommand } from '../core/consent-mode.js';

/** A category name, and a list of them as the codec writes it (`a.b.c`, or nothing). */
const NAME = '[a-z][a-z0-9_-]{0,18}';
const LIST = `(|${NAME}(?:\\.${NAME})*)`;
const TOKEN = '([A-Za-z0-9._-]{0,32})';
const VALUE = `^v=1&id=[A-Za-z0-9-]{8,64}&t=(\\d{1,12})&r=${TOKEN}&p=${TOKEN}&g=${LIST}&d=${LIST}&s=[ug]$`;

/** Consent Mode's default: every signal denied but `security_storage`, as the element's own. */
const signals = Object.entries(defaultCommand({ waitForUpdate: 0, region: [] }))
  .filter(([name]) => name !== 'wait_for_update')
  .map(([name, state]) => `${name}:"${String(state)}"`)
  .join(',');

export const STUB =
  '(function(w,d){' +
  'var c=d.currentScript.dataset,n=c.cookie+"=",k=d.cookie.split("; "),i=0,v="",m,t,x=864e5,e=Date.now(),a="denied",o,q;' +
  'for(;i<k.length;i++)if(!k[i].indexOf(n)){v=k[i].slice(n.length);break}' +
  'try{v=decodeURIComponent(v)}catch(_){}' +
  // No cookie (a first visitor, whose banner is about to paint): the pattern is not even compiled.
  `m=v&&/${VALUE}/.exec(v);` +
  // The codec's list rules: at most 8 names in all, none twice (so none both granted and
  // refused), never `necessary` or an Object.prototype member (only `constructor` fits NAME).
  'if(m){o=(m[4]+"."+m[5]).split(".").filter(String);' +
  'if(o.length>8||o.some((g,j)=>o.indexOf(g)-j||g=="necessary"||g=="constructor"))m=0}' +
  't=m&&m[1]*1e3;' +
  'if(m&&m[2]==c.revision&&m[3]==c.policy&&t<=e+x&&e<t+c.days*x)d.documentElement.style.setProperty("--piekritu-instant","none");' +
  'if(c.consentMode!=null){' +
  `o={${signals.replace(/"denied"/g, 'a')},wait_for_update:+c.wait};` +
  'if(c.region)o.region=c.region.split(" ");' +
  'q=w.dataLayer=w.dataLayer||[];q.piekritu=1;(function(){q.push(arguments)})("consent","default",o)}' +
  '})(window,document)';
