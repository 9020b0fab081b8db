/**
 * The bench's in-page probe (bench.mjs, instant-script.mjs): one definition, so every
 * figure of when a banner became visible means the same thing.
 */

/**
 * Injected before any page script. Keep it small: its own run time counts in every page's
 * script time. Once per frame it looks for the banner: `renderedAt` is the first frame
 * where its box is non-empty, inside the viewport and not hidden; `visibleAt` the first
 * where, in addition, neither it nor an ancestor is fully transparent (a fade-in from
 * opacity 0 shows nothing on its first frames). Polling, not a MutationObserver: that
 * cannot see into a shadow root created later, nor a class that only flips a stylesheet.
 */
export function probe(banner) {
  const bench = (window.__bench = { renderedAt: null, visibleAt: null, longTasks: [], scripts: [], cls: 0, unsupported: [] });
  const observe = (type, take) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(take)).observe({ type, buffered: true });
    } catch {
      bench.unsupported.push(type);
    }
  };
  observe('longtask', (entry) => bench.longTasks.push(entry.duration));
  // Long animation frames name the scripts that ran in them: which library made a task long.
  observe('long-animation-frame', (entry) => {
    // This probe's own scripts have no URL; the pages' inline scripts carry the page's.
    for (const script of entry.scripts) if (script.sourceURL) bench.scripts.push({ url: script.sourceURL, duration: script.duration });
  });
  observe('layout-shift', (entry) => {
    if (!entry.hadRecentInput) bench.cls += entry.value;
  });
  if (!banner) return;
  const find = () => (banner.host ? document.querySelector(banner.host)?.shadowRoot : document)?.querySelector(banner.selector);
  const rendered = (element) => {
    const box = element.getBoundingClientRect();
    return (
      box.width > 0 &&
      box.height > 0 &&
      box.top < innerHeight &&
      box.bottom > 0 &&
      box.left < innerWidth &&
      box.right > 0 &&
      element.checkVisibility({ visibilityProperty: true })
    );
  };
  const opaque = (element) => element.checkVisibility({ opacityProperty: true });
  bench.bannerVisible = () => {
    const element = find();
    return Boolean(element && rendered(element) && opaque(element));
  };
  if (!banner.poll) return;
  const poll = () => {
    const element = find();
    if (element && rendered(element)) {
      bench.renderedAt ??= performance.now();
      if (opaque(element)) {
        bench.visibleAt = performance.now();
        // A CDP binding: tells the harness at once, where polling from outside would run script in the page.
        return void window.__benchVisible?.('');
      }
    }
    if (performance.now() < banner.timeout) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}
