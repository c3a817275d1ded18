/**
 * Checks a hall address (PUBLIC_URL, or the one chosen in the console): an absolute http(s) URL with a host and
 * nothing after the origin, and with the scheme the server speaks (`scheme`). Returns the origin
 * (`https://piaojue.local:8080`), or a readable message.
 */
export function parsePublicUrl(text: string, scheme: 'http' | 'https'): { ok: true; origin: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, message: 'not a URL; write it like https://192.168.1.10:8080' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: 'must start with https:// or http://' };
  if (url.protocol !== `${scheme}:`) return { ok: false, message: `the server speaks ${scheme}: the address must start with ${scheme}://` };
  if (!url.hostname) return { ok: false, message: 'has no host' };
  if (url.username || url.password) return { ok: false, message: 'must not carry a user name or password' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return { ok: false, message: 'only the address: no path, query or fragment' };
  return { ok: true, origin: url.origin };
}
