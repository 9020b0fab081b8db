/** Entry of `piekritu-views.min.js`: hands the views to the classic script that loads it. */
import * as views from './views.js';

const holder = window as unknown as { __piekritu?: { views?: typeof views } };
(holder.__piekritu ??= {}).views = views;
