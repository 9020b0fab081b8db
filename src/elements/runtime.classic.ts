/** Entry of `piekritu-runtime.min.js`: hands the runtime to the classic script that loads it. */
import * as runtime from './runtime.js';

const holder = window as unknown as { __piekritu?: { runtime?: typeof runtime } };
(holder.__piekritu ??= {}).runtime = runtime;
