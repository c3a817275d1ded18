import type { AddressInfo } from 'node:net';
import { certificateNames, lanAddresses, originFor } from './addresses.ts';
import { readHallSettings, writeHallSettings } from './hall-settings.ts';
import { ensureLocalCa, type LocalCa } from './local-ca.ts';

/** What buildApp needs to know about the network: how it speaks, where its data is, and the local CA if any. */
export interface HallNetworkOptions {
  scheme: 'http' | 'https';
  /** Plain HTTP on a LAN address because PIAOJUE_INSECURE_HTTP asked for it: every screen warns. */
  insecureHttp: boolean;
  /** PUBLIC_URL (origin), which then wins over the console's choice. */
  envPublicUrl?: string | undefined;
  dataDir: string;
  /** The local CA, when the server uses one (no TLS_CERT given, not loopback-only). */
  ca?: LocalCa | undefined;
  /**
   * The port devices reach the root certificate's page at when a proxy serves it (CA_PUBLIC_PORT, e.g. nginx's
   * 80); unset: the helper's own port.
   */
  caPublicPort?: number | undefined;
  /** Called with a fresh certificate when the hall address changes and the local CA had to add its name. */
  onCertificate?: ((ca: LocalCa) => void) | undefined;
}

/** One address a hall device could use: the interface and the origin built on it. */
export interface HallCandidate {
  interface: string;
  address: string;
  url: string;
}

/**
 * The hall's address book (DESIGN.md §12): the configured hall address (PUBLIC_URL, else the console's choice),
 * the origins on every LAN interface, and the local CA's root. `port()` and `helperPort()` are the ports actually
 * listened on, set by main.ts after listen; `caPort()` is the one devices are told (CA_PUBLIC_PORT, else the helper's).
 */
export class HallNetwork {
  private chosen: string | null;
  private listenPort: number | null = null;
  private listenFamily: string | null = null;
  private ownCaPort: number | null = null;
  private current: LocalCa | undefined;

  constructor(readonly opts: HallNetworkOptions) {
    this.chosen = readHallSettings(opts.dataDir).publicUrl;
    this.current = opts.ca;
  }

  get scheme() {
    return this.opts.scheme;
  }
  get ca(): LocalCa | undefined {
    return this.current;
  }

  /** Records the ports listened on (the server's and the root-certificate helper's, if any). */
  listening(server: AddressInfo | string | null, helper?: number): void {
    if (server && typeof server === 'object') {
      this.listenPort = server.port;
      this.listenFamily = server.address === '::' ? 'any' : server.family;
    }
    if (helper !== undefined) this.ownCaPort = helper;
  }
  port(): number | null {
    return this.listenPort;
  }
  /** The port this process's root-certificate helper listens on (CA_PORT), or null without one. */
  helperPort(): number | null {
    return this.current ? this.ownCaPort : null;
  }
  /**
   * The port devices are told for the root certificate's page (`http://<hall host>:<port>/ca`): CA_PUBLIC_PORT when
   * a proxy serves the page (README "Behind nginx"), else the helper's own; null without a local CA.
   */
  caPort(): number | null {
    if (!this.current) return null;
    return this.opts.caPublicPort ?? this.ownCaPort;
  }

  /** The hall address in force (origin) and where it came from, or null when none is set. */
  publicUrl(): { url: string; source: 'env' | 'console' } | null {
    if (this.opts.envPublicUrl) return { url: this.opts.envPublicUrl, source: 'env' };
    return this.chosen ? { url: this.chosen, source: 'console' } : null;
  }

  /** The origin on every LAN interface, at the port listened on. */
  candidates(): HallCandidate[] {
    const port = this.listenPort;
    if (port === null) return [];
    const reachable = lanAddresses().filter((a) => this.listenFamily === 'any' || a.family === this.listenFamily);
    return reachable.map((a) => ({ interface: a.interface, address: a.address, url: originFor(this.opts.scheme, a.address, port) }));
  }

  /**
   * Stores the console's choice (an origin already checked, or null to clear it) in DATA_DIR/hall.json. With the
   * local CA, a host the server certificate lacks gets a new certificate at once (same root: tablets keep trusting).
   */
  async choose(url: string | null): Promise<void> {
    writeHallSettings(this.opts.dataDir, { publicUrl: url });
    this.chosen = url;
    if (this.current && url) {
      const extra = [new URL(url).hostname, ...(this.opts.envPublicUrl ? [new URL(this.opts.envPublicUrl).hostname] : [])];
      const next = await ensureLocalCa(this.opts.dataDir, certificateNames(extra));
      if (next.made.server) {
        this.current = next;
        this.opts.onCertificate?.(next);
      }
    }
  }
}

/** The hosts the server certificate must name beyond the machine's own: PUBLIC_URL's and the console's choice. */
export function configuredHosts(dataDir: string, envPublicUrl: string | undefined): string[] {
  const chosen = readHallSettings(dataDir).publicUrl;
  return [envPublicUrl, chosen].filter((u): u is string => Boolean(u)).map((u) => new URL(u).hostname);
}
