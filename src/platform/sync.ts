/**
 * A decision taken in one tab reaches the site's other open tabs at once: through
 * BroadcastChannel where there is one, else when the tab becomes visible again.
 */
export function watchOtherTabs(channelName: string, onChange: () => void): { notify(): void; close(): void } {
  const onVisible = () => {
    if (document.visibilityState === 'visible') onChange();
  };
  let channel: BroadcastChannel | undefined;
  try {
    channel = new BroadcastChannel(channelName);
    channel.onmessage = () => onChange();
  } catch {
    document.addEventListener('visibilitychange', onVisible);
  }
  return {
    notify: () => channel?.postMessage('changed'),
    close: () => {
      channel?.close();
      document.removeEventListener('visibilitychange', onVisible);
    },
  };
}
