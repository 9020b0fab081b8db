/**
 * What runs inside the audited page, before any of its own scripts: it notes which script
 * wrote each cookie and storage key (the browser's DevTools protocol tells who set a cookie
 * through a response header, not who wrote `document.cookie`), and when Google Consent
 * Mode commands reach `window.dataLayer`.
 *
 * Serialized into the page as it is: no imports, nothing from outside the function.
 */
export interface ProbeRecord {
  cookies: { name: string; source: string }[];
  storage: { area: 'localStorage' | 'sessionStorage'; key: string; source: string }[];
  consentMode: { command: string; at: number }[];
}

export const PROBE_KEY = '__piekrituAudit';

export function probe(key: string): void {
  const record: ProbeRecord = { cookies: [], storage: [], consentMode: [] };
  Object.defineProperty(window, key, { value: record, enumerable: false });

  const at = (line: string): string => {
    const match = /(https?:\/\/[^\s)]+):(\d+):(\d+)/.exec(line);
    return match ? `${match[1]}:${match[2]}` : '';
  };
  /**
   * The script that made the current call. The stack reads: the message, source(), the
   * wrapper that called it, then the page's own code. A script inserted as text (a gated
   * inline script, once activated) has no address of its own: the frame below it tells
   * who inserted it.
   */
  const source = (): string => {
    const frames = (new Error().stack ?? '').split('\n').slice(3);
    const caller = at(frames[0] ?? '');
    if (caller) return `script ${caller}`;
    const inserter = frames.map(at).find(Boolean);
    return inserter ? `an inline script inserted by ${inserter}` : 'an inline script';
  };

  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (cookie?.get && cookie.set) {
    const { get, set } = cookie;
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      enumerable: cookie.enumerable,
      get() {
        return get.call(this);
      },
      set(value: string) {
        const text = String(value);
        const [pair, ...attributes] = text.split(';');
        const name = pair.split('=')[0].trim();
        // A deletion (expired, or max-age zero) is not the write that created the cookie.
        const deletion = attributes.some((attribute) => {
          const [field, data = ''] = attribute.split('=');
          const lower = field.trim().toLowerCase();
          if (lower === 'max-age') return Number(data) <= 0;
          if (lower === 'expires') return Date.parse(data) < Date.now();
          return false;
        });
        if (name && !deletion) record.cookies.push({ name, source: source() });
        set.call(this, value);
      },
    });
  }

  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (this: Storage, name: string, value: string) {
    let area: 'localStorage' | 'sessionStorage' = 'localStorage';
    try {
      if (this === window.sessionStorage) area = 'sessionStorage';
    } catch {
      // Storage refused in this frame: the write below fails the same way.
    }
    record.storage.push({ area, key: String(name), source: source() });
    return setItem.call(this, name, value);
  };

  const noteLayer = (item: unknown): void => {
    const args = item as ArrayLike<unknown> | null;
    if (args && typeof args === 'object' && args[0] === 'consent' && typeof args[1] === 'string') {
      record.consentMode.push({ command: args[1], at: Date.now() });
    }
  };
  const hook = (layer: unknown): void => {
    if (!Array.isArray(layer)) return;
    layer.forEach(noteLayer);
    const push = layer.push;
    layer.push = function (...items: unknown[]) {
      items.forEach(noteLayer);
      return push.apply(this, items);
    };
  };
  let layer: unknown;
  Object.defineProperty(window, 'dataLayer', {
    configurable: true,
    enumerable: true,
    get: () => layer,
    set: (value: unknown) => {
      layer = value;
      hook(value);
    },
  });
}
