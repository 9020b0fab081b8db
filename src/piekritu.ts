/**
 * The classic-script build (`dist/piekritu.min.js`): registers the elements and exposes
 * `window.Piekritu`. Loading it twice keeps the first copy in charge.
 */
import './elements/define.js';
import { version } from '../package.json';
import { createApi, type PiekrituApi } from './elements/api.js';

declare global {
  interface Window {
    Piekritu?: PiekrituApi;
  }
}

window.Piekritu ??= createApi(document, version);
