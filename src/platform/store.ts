/**
 * The consent of this page view: read from the cookie, changed by decisions, written
 * back. Rules come from core/; this class only does the I/O around them.
 */
import { decode, encode } from '../core/codec.js';
import {
  changedBetween,
  decide,
  grantedOf,
  NECESSARY,
  restore,
  undecided,
  voidReason,
  type AcceptType,
  type Consent,
  type ConsentContext,
  type VoidReason,
} from '../core/consent.js';
import type { CookieJar } from './cookies.js';

export interface StoreDeps {
  jar: CookieJar;
  maxAgeDays: number;
  now?: () => number;
  newId?: () => string;
}

/** `crypto.randomUUID` needs a secure context; plain-http pages still deserve an id. */
function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface Change {
  consent: Consent;
  changed: string[];
  /** The browser kept the cookie; `false` means the choice lasts for this page view only. */
  persisted: boolean;
}

export class ConsentStore {
  consent: Consent;
  /** Why a stored choice was set aside on load, so the banner can say why it asks again. */
  voided: VoidReason | null = null;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    private readonly ctx: ConsentContext,
    private readonly deps: StoreDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? randomId;
    this.consent = undecided(ctx);
  }

  /** Read the cookie. A value that cannot be decoded, or no longer counts, is no choice. */
  load(): Consent {
    this.voided = null;
    const raw = this.deps.jar.read();
    const stored = decode(raw);
    if (raw !== undefined && !stored) {
      console.warn(`piekritu: the stored choice could not be read; asking again.`);
    }
    const reason = stored && voidReason(stored, this.ctx, this.now(), this.deps.maxAgeDays);
    if (stored && !reason) this.consent = restore(this.ctx, stored);
    else {
      this.voided = reason || null;
      this.consent = undecided(this.ctx);
    }
    return this.consent;
  }

  /**
   * Take a decision: `granted` lists the optional categories the visitor allowed. A
   * selection saved switch by switch is `custom` even when every switch is on: only the
   * "accept all" button is narrowed by Global Privacy Control.
   */
  decide(type: AcceptType, granted: Iterable<string>): Change {
    const names = [...granted].filter((name) => this.ctx.offered.includes(name));
    const next = decide(this.ctx, {
      granted: names,
      type,
      now: this.now(),
      id: this.newId(),
    });
    const granted2 = grantedOf(next.categories);
    const persisted = this.deps.jar.write(
      encode({
        id: next.id,
        timestamp: next.timestamp,
        revision: next.revision,
        policyVersion: next.policyVersion,
        granted: granted2,
        denied: this.ctx.offered.filter((name) => !granted2.includes(name)),
        source: next.source === 'gpc' ? 'gpc' : 'user',
      }),
    );
    return this.replace(next, persisted);
  }

  /** Forget the choice: the cookie goes and the banner asks again. */
  reset(): Change {
    this.deps.jar.remove();
    this.voided = null;
    return this.replace(undecided(this.ctx), true);
  }

  /** Another tab decided: take what the cookie says now. `null` when nothing changed. */
  reload(): Change | null {
    const before = this.consent;
    const after = this.load();
    if (before.id === after.id && before.decided === after.decided) return null;
    return { consent: after, changed: changedBetween(before.categories, after.categories), persisted: true };
  }

  private replace(next: Consent, persisted: boolean): Change {
    const changed = changedBetween(this.consent.categories, next.categories).filter((name) => name !== NECESSARY);
    this.consent = next;
    return { consent: next, changed, persisted };
  }
}
