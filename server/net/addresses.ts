import { isIP } from 'node:net';
import { hostname, networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

// The machine's addresses as the hall sees them (DESIGN.md §12: tablets, projector and console reach the server by
// a LAN address or name, never `localhost`).

/** One LAN interface address a hall device could use. `family` as os.networkInterfaces() reports it. */
export interface LanAddress {
  interface: string;
  address: string;
  family: 'IPv4' | 'IPv6';
}

/**
 * True for names and addresses that only this machine can reach: `localhost` (and `*.localhost`), 127.0.0.0/8,
 * ::1, and the unspecified ::/0.0.0.0 is NOT loopback (it means every interface). Accepts `[::1]` with brackets.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h.startsWith('::ffff:127.');
  return false;
}

/**
 * The addresses of every non-internal interface, IPv4 first; IPv6 link-local (fe80::/10) is left out because a
 * browser cannot use it in a URL without a zone. `interfaces` defaults to os.networkInterfaces().
 */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): LanAddress[] {
  const out: LanAddress[] = [];
  for (const [name, list] of Object.entries(interfaces)) {
    for (const info of list ?? []) {
      if (info.internal) continue;
      if (info.family === 'IPv6' && /^fe[89ab]/i.test(info.address)) continue;
      out.push({ interface: name, address: info.address, family: info.family });
    }
  }
  return out.sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1));
}

/** `host` as it goes in a URL: IPv6 in brackets. */
export const urlHost = (host: string) => (isIP(host) === 6 ? `[${host}]` : host);

/** The origin (`scheme://host:port`) a device would use for `host`; the port is left out when it is the scheme's default. */
export function originFor(scheme: 'http' | 'https', host: string, port: number): string {
  const dflt = (scheme === 'https' && port === 443) || (scheme === 'http' && port === 80);
  return `${scheme}://${urlHost(host)}${dflt ? '' : `:${port}`}`;
}

/**
 * The names the server certificate must carry: localhost, 127.0.0.1, ::1, the machine's host name (and
 * `name.local`, as mDNS announces it), every LAN address, and any extra hosts (PUBLIC_URL, the console's choice).
 */
export function certificateNames(extraHosts: readonly string[] = [], lan: readonly LanAddress[] = lanAddresses()): { dns: string[]; ips: string[] } {
  const dns = new Set<string>(['localhost']);
  const ips = new Set<string>(['127.0.0.1', '::1']);
  const host = hostname().toLowerCase();
  if (host && /^[a-z0-9.-]+$/.test(host)) {
    dns.add(host);
    if (!host.includes('.')) dns.add(`${host}.local`);
  }
  for (const a of lan) ips.add(a.address);
  for (const h of extraHosts) {
    const bare = h.replace(/^\[|\]$/g, '').toLowerCase();
    if (isIP(bare)) ips.add(bare);
    else if (bare) dns.add(bare);
  }
  return { dns: [...dns].sort(), ips: [...ips].sort() };
}
