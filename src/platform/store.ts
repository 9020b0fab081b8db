/**
 * The consent of this page view: read from the cookie and changed by decisions. Rules
 * come from core/. Writing is the caller's: it needs js-cookie, which loads with the
 * runtime after the banner, so each change carries the cookie value to write.
 */
import { decode, encode } from '../core/codec.js';
import {
  changedBetween,
  choiceOf,
  decide,
  restore,
  undecided,
  voidReason,
  withdrawnBetween,
  type AcceptType,
  type Consent,
  type ConsentContext,
  type VoidReason,
} from '../core/consent.js';

export interface StoreDeps {
  /** The stored value, or `undefined` when there is none. */
  read(): string | undefined;
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
  /** Granted before and not now: their cookies go, their embeds stop. */
  withdrawn: string[];
  /**
   * What to do with the cookie: a value to store, `null` to remove it (the choice was
   * forgotten), `undefined` when another tab already stored it.
   */
  value: string | null | undefined;
}

export class ConsentStore {
  consent: Consent;
  /** Why a stored choice was set aside on load, so the banner can say why it asks again. */
  voided: VoidReason | null = null;
  /** The last stored value that could not be read (warned about once). */
  private unreadable: string | undefined;
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
    const raw = this.deps.read();
    const stored = decode(raw);
    // Once per unreadable value: reading it again (another tab, the runtime connecting) adds nothing.
    if (raw !== undefined && !stored && raw !== this.unreadable) {
      this.unreadable = raw;
      console.warn(`piekritu: the stored choice could not be read; asking again.`);
    }
    const reason = stored ? voidReason(stored, this.ctx, this.now(), this.deps.maxAgeDays) : null;
    if (stored && !reason) this.consent = restore(this.ctx, stored);
    else {
      this.voided = reason;
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
    // Names the site does not offer are dropped by decide().
    const next = decide(this.ctx, { granted, type, now: this.now(), id: this.newId() });
    return this.replace(next, encode(choiceOf(next)));
  }

  /** Forget the choice: the banner asks again. */
  reset(): Change {
    this.voided = null;
    return this.replace(undecided(this.ctx), null);
  }

  /** Another tab decided: take what the cookie says now. `null` when nothing changed. */
  reload(): Change | null {
    const before = this.consent;
    const after = this.load();
    if (before.id === after.id && before.decided === after.decided) return null;
    // Already stored by the other tab: nothing to write.
    return { ...this.between(before, after), consent: after, value: undefined };
  }

  private replace(next: Consent, value: string | null): Change {
    const change = { ...this.between(this.consent, next), consent: next, value };
    this.consent = next;
    return change;
  }

  private between(before: Consent, after: Consent): Pick<Change, 'changed' | 'withdrawn'> {
    return {
      changed: changedBetween(before.categories, after.categories),
      withdrawn: withdrawnBetween(before.categories, after.categories),
    };
  }
}
