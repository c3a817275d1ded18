import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  PIAOJUE_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  // How long an issued pairing code pairs: hours, not days (issue 12).
  PAIRING_CODE_TTL_HOURS: z.coerce.number().min(0.25).max(72).default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  adminPassword: string | undefined;
  tls: { cert: string; key: string } | undefined;
  logLevel: string;
  demo: boolean;
  /** How long a pairing code pairs (ms). */
  pairingCodeTtlMs: number;
}

/** Reads the environment and command line; throws with every problem listed so a bad setting stops the start. */
export function loadConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`bad configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.TLS_CERT === undefined) !== (e.TLS_KEY === undefined)) {
    throw new Error('bad configuration:\n  TLS_CERT and TLS_KEY must be set together');
  }
  const unknown = argv.filter((a) => a !== '--demo');
  if (unknown.length) throw new Error(`unknown argument(s): ${unknown.join(' ')} (the only option is --demo)`);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    adminPassword: e.PIAOJUE_ADMIN_PASSWORD,
    tls: e.TLS_CERT && e.TLS_KEY ? { cert: e.TLS_CERT, key: e.TLS_KEY } : undefined,
    logLevel: e.LOG_LEVEL,
    demo: argv.includes('--demo'),
    pairingCodeTtlMs: e.PAIRING_CODE_TTL_HOURS * 3600_000,
  };
}
