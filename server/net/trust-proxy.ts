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
 * Parses TRUST_PROXY: addresses or CIDR ranges separated by commas (`127.0.0.1`, `10.0.0.0/8, ::1`); IPv4-mapped
 * entries become the IPv4 they map. Returns the problems as sentences when an entry is neither, has a zone index
 * (`%eth0`, which proxy-addr never matches), or is a /0 that would trust every address (config.ts lists them and
 * refuses to start); null for unset/empty.
 */
export function parseTrustProxy(value: string | undefined): { ok: true; proxies: TrustedProxies | null } | { ok: false; problems: string[] } {
  const entries = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) return { ok: true, proxies: null };
  const blocks = new BlockList();
  const problems: string[] = [];
  const list: string[] = [];
  for (const entry of entries) {
    const [given = '', bits, ...rest] = entry.split('/');
    const given6 = isIP(given) === 6;
    let prefix = bits === undefined ? (given6 ? 128 : 32) : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    // An IPv4-mapped entry (::ffff:127.0.0.1, ::ffff:0:0/96) is the IPv4 range it maps: Fastify's proxy-addr
    // trusts IPv4 clients for it, so it is checked (and handed on) as IPv4.
    const mapped = given6 && prefix >= 96 ? ipv4Mapped(given) : null;
    if (mapped) prefix -= 96;
    const address = mapped ?? given;
    const family = isIP(address);
    if (family === 0 || address.includes('%') || rest.length || !(prefix >= 0 && prefix <= (family === 6 ? 128 : 32))) {
      problems.push(`"${entry}" is not an IP address or CIDR range (e.g. 127.0.0.1 or 10.0.0.0/8; no zone index like %eth0)`);
      continue;
    }
    if (prefix === 0) {
      problems.push(`"${entry}" would trust every address: any device could then name itself in X-Forwarded-For and dodge the per-address back-off; name the proxy itself (127.0.0.1 for nginx on this machine)`);
      continue;
    }
    blocks.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
    list.push(bits === undefined && !mapped ? address : `${address}/${prefix}`);
  }
  if (problems.length) return { ok: false, problems };
  const has = (address: string | undefined) => {
    if (!address) return false;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const plain = mapped ?? address;
    const family = isIP(plain);
    return family !== 0 && blocks.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
  return { ok: true, proxies: { list, has } };
}

/** The IPv4 address an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, `::ffff:7f00:1`) stands for; null for any other. */
function ipv4Mapped(address: string): string | null {
  const mapped = new BlockList();
  mapped.addSubnet('::ffff:0:0', 96, 'ipv6');
  if (address.includes('%') || !mapped.check(address, 'ipv6')) return null;
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (dotted) return dotted;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const hi = parseInt(hex[1] ?? '0', 16);
  const lo = parseInt(hex[2] ?? '0', 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}
