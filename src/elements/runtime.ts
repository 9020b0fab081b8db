/**
 * What runs after the banner has shown: the gate for scripts and embeds, writing the
 * consent cookie, the consent signals of tags other than Google's, cross-tab sync,
 * withdrawal clean-up and the sending of consent records.
 * None of it is needed before a first visitor sees the banner (nothing is granted yet), so
 * it loads after it: at once for a returning visitor (their granted tags wait for it), when
 * the page is idle or at the first decision for a first visitor.
 */
import type { Warn } from '../core/config.js';
import { bridgeSignals as bridge, type SignalSource } from '../platform/signals.js';
import { emit } from './events.js';

export { Gate } from '../platform/gate.js';
export { consentUpdate } from '../platform/gtag.js';
export { openJar } from '../platform/cookies.js';
export { watchOtherTabs } from '../platform/sync.js';
export { withdraw } from '../platform/cleanup.js';
export { flushRecords, hasQueuedRecords, queueRecord } from '../platform/records.js';
export { recordOf } from '../core/record.js';
export { parseJarConfig } from '../core/config.js';

/** The other tags' consent signals, with `consent-signal` fired on the element at each moment. */
export const bridgeSignals = (element: SignalSource, warn: Warn, win?: Window): void =>
  bridge(element, { warn, announce: (detail) => emit(element, 'consent-signal', detail) }, win);
