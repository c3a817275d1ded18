import { BlockList, isIP } from 'node:net';

// A reverse proxy in front (nginx, deploy/nginx/piaojue.conf) makes every request arrive from the proxy's address.
// The per-address guards (sign-in and pairing-code back-off, socket caps, the request log) must then key on the
// client's address the proxy passes in X-Forwarded-For — but only when the request really comes from that proxy:
// anyone else could write the header. TRUST_PROXY names the proxies' addresses (README "Behind nginx").

/** The proxies a server trusts: Fastify's `trustProxy` list and a matcher for a socket's remote address. */
export interface TrustedProxies {
  /** Addresses and CIDR ranges as given, for Fastify's `trustProxy` (proxy-addr). */
  list: string[];
  /** True when `address` (a socket's remoteAddress, IPv4, IPv6 or IPv4-mapped IPv6) is one of them. */
  has: (address: string | undefined) => boolean;
}

/**
 * Parses TRUST_PROXY: addresses or CIDR ranges separated by commas (`127.0.0.1`, `10.0.0.0/8, ::1`). Returns the
 * problems as sentences when an entry is neither (config.ts lists them and refuses to start); null for unset/empty.
 */
export function parseTrustProxy(value: string | undefined): { ok: true; proxies: TrustedProxies | null } | { ok: false; problems: string[] } {
  const entries = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) return { ok: true, proxies: null };
  const blocks = new BlockList();
  const problems: string[] = [];
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (family === 0 || rest.length || !(prefix >= 0 && prefix <= (family === 6 ? 128 : 32))) {
      problems.push(`"${entry}" is not an IP address or CIDR range (e.g. 127.0.0.1 or 10.0.0.0/8)`);
      continue;
    }
    blocks.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  if (problems.length) return { ok: false, problems };
  const has = (address: string | undefined) => {
    if (!address) return false;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const plain = mapped ?? address;
    const family = isIP(plain);
    return family !== 0 && blocks.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
  return { ok: true, proxies: { list: entries, has } };
}
