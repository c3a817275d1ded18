import type { FastifyInstance } from 'fastify';

/**
 * The policy for every page: scripts, styles, fonts and connections only from this origin (the websocket too:
 * CSP3 'self' covers ws/wss of the same host), images also as data:/blob: URLs (photos, QR codes), no plugins,
 * no framing, no <base>. 'wasm-unsafe-eval' lets the tablet compile libsodium's WebAssembly (the sealed papers of
 * DESIGN §5) and nothing else: eval() and inline scripts stay refused.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** HSTS for 180 days, sent only over TLS: browsers then refuse a plain-HTTP downgrade of this host. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=15552000';

/** Security headers on every answer; HSTS only when `tls`. A route that set its own CSP keeps it. */
export function installSecurityHeaders(app: FastifyInstance, tls: boolean): void {
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cache-control', 'no-store');
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    if (tls) reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY);
  });
}
