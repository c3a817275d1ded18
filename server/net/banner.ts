import { caPageUrl } from '../../shared/hall.ts';
import { isLoopbackHost, lanAddresses, originFor, urlHost, type LanAddress } from './addresses.ts';

export interface BannerInput {
  scheme: 'http' | 'https';
  /** The interface listened on (HOST). */
  host: string;
  port: number;
  /** The hall address in force, if any (PUBLIC_URL or the console's choice). */
  publicUrl: string | null;
  /** The plain-HTTP port this process serves the root certificate's install page on (CA_PORT), with the local CA. */
  caPort: number | null;
  /**
   * The port devices reach that page at from the hall address (CA_PUBLIC_PORT behind a proxy, e.g. nginx's 80);
   * null or equal to caPort: the process's own.
   */
  caPublicPort?: number | null;
  fingerprint256: string | null;
  insecureHttp: boolean;
  database: string;
  /** Lines to repeat at the end (the one-time admin password), so no log line buries them. */
  keep: string[];
  /** The machine's LAN addresses; default lanAddresses() (os.networkInterfaces()). */
  lan?: readonly LanAddress[];
}

/**
 * The start banner: for the hall address and every LAN interface (or only localhost when bound to loopback), the
 * console, tablet and projector addresses; the root certificate's install page (at CA_PUBLIC_PORT for the hall
 * address, which a proxy serves; at the process's own CA_PORT for its own addresses); warnings. The first line keeps
 * the form `piaojue listening on <scheme>://localhost:<port>` that scripts and tests look for.
 */
export function startBanner(b: BannerInput): string {
  const lines = [`piaojue listening on ${b.scheme}://localhost:${b.port} (database ${b.database})`];
  const origins: { label: string; origin: string; caPort: number | null }[] = [];
  const publicCa = b.caPort ? (b.caPublicPort ?? b.caPort) : null;
  if (b.publicUrl) origins.push({ label: '大厅地址 hall address', origin: b.publicUrl, caPort: publicCa });
  const everywhere = b.host === '0.0.0.0' || b.host === '::';
  // 0.0.0.0 listens on IPv4 only; :: on both.
  if (everywhere) for (const a of (b.lan ?? lanAddresses()).filter((x) => b.host === '::' || x.family === 'IPv4')) origins.push({ label: a.interface, origin: originFor(b.scheme, a.address, b.port), caPort: b.caPort });
  else if (!isLoopbackHost(b.host)) origins.push({ label: b.host, origin: originFor(b.scheme, b.host, b.port), caPort: b.caPort });
  if (origins.length === 0) {
    // `localhost` reaches 127.0.0.1 (or ::1) only: a server bound to another loopback address (127.0.0.2) is
    // reached at that address.
    const local = ['localhost', '127.0.0.1', '::1', '[::1]'].includes(b.host.toLowerCase()) || everywhere ? 'localhost' : urlHost(b.host.replace(/^\[|\]$/g, ''));
    lines.push(`  仅本机可访问 / this machine only: ${b.scheme}://${local}:${b.port}/console/  (tablets cannot reach it: set HOST=0.0.0.0 for the hall)`);
    if (b.caPort) lines.push(`  根证书 root cert: http://${local}:${b.caPort}/ca`);
  }
  for (const { label, origin, caPort } of origins) {
    lines.push(`  [${label}]`, `    控制台 console:    ${origin}/console/`, `    平板 tablet:       ${origin}/tablet/`, `    投影 projector:    ${origin}/projector/  (link with its token: console → 投影)`);
    if (caPort) lines.push(`    根证书 root cert:   ${caPageUrl(origin, caPort)}  (install once per tablet)`);
  }
  // Behind a proxy the hall reaches the page at another port than this process's own: say which is whose (the
  // proxy's upstream needs the process's).
  if (b.caPort && publicCa !== b.caPort) lines.push(`  根证书助手 root-cert helper: this process on port ${b.caPort} (CA_PORT), the hall at port ${publicCa} (CA_PUBLIC_PORT)`);
  if (b.fingerprint256) lines.push(`  根证书指纹 root SHA-256: ${b.fingerprint256}`);
  if (b.insecureHttp) lines.push('  警告 WARNING: plain HTTP on the hall network (PIAOJUE_INSECURE_HTTP): ballots and passwords cross the Wi-Fi unencrypted.');
  return [...lines, ...b.keep].join('\n');
}
