import { z } from 'zod';

// The hall's network as the console sees it (GET /api/hall) and the admin's choice of hall address
// (POST /api/hall/public-url). DESIGN.md §12.

export const hallInfoSchema = z.strictObject({
  /** What the server speaks on its port. */
  scheme: z.enum(['http', 'https']),
  /** Plain HTTP on a LAN address (PIAOJUE_INSECURE_HTTP): every screen shows a warning. */
  insecureHttp: z.boolean(),
  /** The hall address in force (an origin such as `https://192.168.1.10:8080`), or null when none is set. */
  publicUrl: z.string().nullable(),
  /** `env`: PUBLIC_URL (the console cannot change it); `console`: chosen by an admin here. */
  publicUrlSource: z.enum(['env', 'console']).nullable(),
  /** The origin on each LAN interface of the server machine. */
  candidates: z.array(z.strictObject({ interface: z.string(), address: z.string(), url: z.string() })),
  /**
   * The local CA, when the server uses one: the plain-HTTP port devices reach its install page at (CA_PUBLIC_PORT
   * behind a proxy, else the process's own CA_PORT), and the root's fingerprint.
   */
  ca: z.strictObject({ port: z.number().int().nullable(), fingerprint256: z.string() }).nullable(),
});
export type HallInfo = z.infer<typeof hallInfoSchema>;

export const setPublicUrlBodySchema = z.strictObject({ publicUrl: z.string().trim().min(1).max(200).nullable() });

const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0']);

/**
 * True when a page is opened at an address only this machine knows (`localhost`, 127.0.0.1, ::1): links and QR
 * codes built from it reach no tablet. Other 127.x addresses do not count (tests use them to stand in for a LAN).
 */
export const isLocalOnlyHost = (hostname: string) => LOCAL_NAMES.has(hostname.toLowerCase()) || hostname.toLowerCase().endsWith('.localhost');

/** True for any loopback name or address (`localhost`, 127.0.0.0/8, ::1): plain HTTP there is not on the network. */
export function isLoopbackName(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1';
}

/**
 * True when a page came over plain HTTP from a network address (not loopback): the server runs with
 * PIAOJUE_INSECURE_HTTP and every screen must say so (DESIGN.md §12).
 */
export const isInsecureHall = (loc: { protocol: string; hostname: string }) => loc.protocol === 'http:' && !isLoopbackName(loc.hostname);

/**
 * The install page of the root certificate for devices reaching the hall at `hallOrigin`: the plain-HTTP helper
 * port on the same host when there is one (written without `:80`, HTTP's own port: nginx's, README "Behind nginx"),
 * else `/ca` on the hall origin itself.
 */
export function caPageUrl(hallOrigin: string, caPort: number | null): string {
  const u = new URL(hallOrigin);
  if (!caPort) return `${u.origin}/ca`;
  return caPort === 80 ? `http://${u.hostname}/ca` : `http://${u.hostname}:${caPort}/ca`;
}

/** The link a tablet opens to pair: the code rides in the fragment, which browsers never send to a server. */
export const pairingUrl = (hallOrigin: string, code: string) => `${hallOrigin}/tablet/#code=${encodeURIComponent(code)}`;

/** A projector's link: the display token rides in the fragment, never in a request line or a log. */
export const projectorUrl = (hallOrigin: string, token: string) => `${hallOrigin}/projector/#token=${encodeURIComponent(token)}`;
