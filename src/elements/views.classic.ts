/** Entry of `piekritu-views.min.js`: hands the views to the classic script that loaded it. */
import * as views from './views.js';

const holder = window as unknown as { __piekritu?: { views?: typeof views } };
if (holder.__piekritu) holder.__piekritu.views = views;
