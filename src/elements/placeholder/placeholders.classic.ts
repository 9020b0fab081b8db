/** Entry of `piekritu-placeholders.min.js`: hands the placeholders to the classic script that loads it. */
import * as placeholders from './placeholders.js';

const holder = window as unknown as { __piekritu?: { placeholders?: typeof placeholders } };
(holder.__piekritu ??= {}).placeholders = placeholders;
