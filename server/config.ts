import path from 'node:path';
import { z } from 'zod';
import { isLoopbackHost } from './net/addresses.ts';
import { parsePublicUrl } from './net/public-url.ts';
import { parseTrustProxy, type TrustedProxies } from './net/trust-proxy.ts';

const flag = z.enum(['0', '1', 'true', 'false']).optional().transform((v) => v === '1' || v === 'true');
import { DEFAULT_TIME_ZONE, isTimeZone } from '../shared/time.ts';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).optional(),
  PUBLIC_URL: z.string().min(1).optional(),
  CA_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  // The port devices reach the root certificate's page at when a proxy serves it (nginx's 80; README "Behind nginx").
  CA_PUBLIC_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  // PostgreSQL instead of the SQLite file under DATA_DIR (DESIGN §8); empty or unset: SQLite.
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL (unset it to use SQLite under DATA_DIR)'),
  PIAOJUE_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  // How long an issued pairing code pairs: hours, not days (issue 12).
  PAIRING_CODE_TTL_HOURS: z.coerce.number().min(0.25).max(72).default(12),
  PIAOJUE_INSECURE_HTTP: flag,
  PIAOJUE_LOCAL_CA: flag,
  // Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-For names the client (README "Behind nginx").
  TRUST_PROXY: z.string().optional(),
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(4).max(100_000).default(64),
  TIME_ZONE: z.string().default(DEFAULT_TIME_ZONE).refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/**
 * How the server speaks (DESIGN.md §12): `given` — HTTPS with the secretariat's TLS_CERT/TLS_KEY; `local-ca` — HTTPS
 * with a certificate from the local CA made in DATA_DIR/tls/; `http` — plain HTTP, either bound to loopback only
 * (`insecure: false`) or on the hall network because PIAOJUE_INSECURE_HTTP asked for it (`insecure: true`: every
 * screen then says so).
 */
export type Transport = { kind: 'given'; cert: string; key: string } | { kind: 'local-ca' } | { kind: 'http'; insecure: boolean };

export interface Config {
  port: number;
  host: string;
  /** The hall address from PUBLIC_URL (origin only), if set. */
  publicUrl: string | undefined;
  /** The plain-HTTP port that serves only the root certificate and its install page (local CA only). */
  caPort: number;
  /**
   * The port devices reach that page at, shown in the console's QR code, the pairing cards and the banner
   * (CA_PUBLIC_PORT: a reverse proxy's plain-HTTP port, e.g. nginx's 80); undefined: the port the helper listens on.
   */
  caPublicPort: number | undefined;
  dataDir: string;
  /** PostgreSQL's URL when the server runs on PostgreSQL; undefined: SQLite under dataDir. */
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  transport: Transport;
  maxConnectionsPerAddress: number;
  /**
   * The reverse proxies (TRUST_PROXY) whose X-Forwarded-For gives the client's address to the per-address guards,
   * and whose own sockets the per-address cap leaves to them; null: no proxy, the socket's address is the client's.
   */
  trustProxy: TrustedProxies | null;
  logLevel: string;
  /** IANA zone every printed or exported time is given in (reports, .docx, .xlsx, CSV). */
  timeZone: string;
  demo: boolean;
  /** How long a pairing code pairs (ms). */
  pairingCodeTtlMs: number;
}

/**
 * Reads the environment and command line; throws with every problem listed so a bad setting stops the start.
 * HOST defaults to 0.0.0.0 (every interface: the hall's server), or 127.0.0.1 with --demo (a trial on this
 * machine). Off loopback the server speaks HTTPS unless PIAOJUE_INSECURE_HTTP=1.
 */
export function loadConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`bad configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if ((e.TLS_CERT === undefined) !== (e.TLS_KEY === undefined)) problems.push('TLS_CERT and TLS_KEY must be set together');
  if (e.PIAOJUE_INSECURE_HTTP && (e.TLS_CERT || e.PIAOJUE_LOCAL_CA)) problems.push('PIAOJUE_INSECURE_HTTP cannot be combined with TLS_CERT/TLS_KEY or PIAOJUE_LOCAL_CA');
  if (e.PIAOJUE_LOCAL_CA && e.TLS_CERT) problems.push('PIAOJUE_LOCAL_CA cannot be combined with TLS_CERT/TLS_KEY');
  const unknown = argv.filter((a) => a !== '--demo');
  if (unknown.length) throw new Error(`unknown argument(s): ${unknown.join(' ')} (the only option is --demo)`);
  const demo = argv.includes('--demo');
  const host = e.HOST ?? (demo ? '127.0.0.1' : '0.0.0.0');

  const transport: Transport =
    e.TLS_CERT && e.TLS_KEY
      ? { kind: 'given', cert: e.TLS_CERT, key: e.TLS_KEY }
      : e.PIAOJUE_INSECURE_HTTP
        ? { kind: 'http', insecure: !isLoopbackHost(host) }
        : e.PIAOJUE_LOCAL_CA || !isLoopbackHost(host)
          ? { kind: 'local-ca' }
          : { kind: 'http', insecure: false };

  let publicUrl: string | undefined;
  if (e.PUBLIC_URL !== undefined) {
    const checked = parsePublicUrl(e.PUBLIC_URL, transport.kind === 'http' ? 'http' : 'https');
    if (checked.ok) publicUrl = checked.origin;
    else problems.push(`PUBLIC_URL: ${checked.message}`);
  }
  if (e.CA_PUBLIC_PORT !== undefined && transport.kind !== 'local-ca') {
    problems.push('CA_PUBLIC_PORT: only the local CA has a root certificate page (unset it with TLS_CERT/TLS_KEY or plain HTTP)');
  }
  const trust = parseTrustProxy(e.TRUST_PROXY);
  if (!trust.ok) problems.push(...trust.problems.map((p) => `TRUST_PROXY: ${p}`));
  if (problems.length) throw new Error(`bad configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return {
    port: e.PORT,
    host,
    publicUrl,
    caPort: e.CA_PORT ?? (e.PORT === 0 ? 0 : e.PORT + 1),
    caPublicPort: e.CA_PUBLIC_PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    adminPassword: e.PIAOJUE_ADMIN_PASSWORD,
    transport,
    maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
    trustProxy: trust.ok ? trust.proxies : null,
    logLevel: e.LOG_LEVEL,
    timeZone: e.TIME_ZONE,
    demo,
    pairingCodeTtlMs: e.PAIRING_CODE_TTL_HOURS * 3600_000,
  };
}
