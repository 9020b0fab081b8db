/**
 * A JSON text file from a URL, or `null` with a warning (in every language: the page falls
 * back, the developer must hear of it). A server that answers every path with its index
 * page sends HTML with a 200: that fails to parse, and is no text file either.
 */
export async function fetchJson(url: string): Promise<unknown> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw `HTTP ${response.status}`;
    return await response.json();
  } catch (error) {
    console.warn(`piekritu: ${url} did not load (${error}); see locales-src`);
    return null;
  }
}
