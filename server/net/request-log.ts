import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

// The request log (issue 12): no secret in it, and quiet enough that the start banner (with the one-time admin
// password) stays readable. Query strings lose their values; the screens keep tokens and pairing codes in the
// URL fragment, which browsers never send. Static files, health checks and successful reads log at debug (the
// console refetches on every live event, issue 13); changes and refusals at info.

/** `url` with every query value replaced by `…` (keys kept): `/x?token=abc&lang=en` → `/x?token=…&lang=…`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const keys = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]!.slice(0, 40)}=…`);
  return `${url.slice(0, q)}?${keys.join('&')}`;
}

/**
 * The request as a log line shows it: method, redacted URL, the client's address (`req.ip`: the X-Forwarded-For of
 * a TRUST_PROXY proxy, else the socket's). Pino's `req` serializer. Idempotent: the request log's own lines are
 * serialized here and then again by pino, and the second pass keeps the address the first found.
 */
export const requestSerializer = (req: { method?: string; url?: string; ip?: string; socket?: { remoteAddress?: string }; remoteAddress?: string }) => ({
  method: req.method,
  url: redactUrl(req.url ?? ''),
  remoteAddress: req.ip ?? req.socket?.remoteAddress ?? req.remoteAddress,
});

const isQuiet = (req: FastifyRequest, status: number) => {
  const path = req.url.split('?')[0]!;
  if (path === '/healthz' || !(path.startsWith('/api/') || path === '/ws' || path === '/api')) return true;
  return (req.method === 'GET' || req.method === 'HEAD') && status < 400 && path !== '/ws';
};

/**
 * Fastify's request logging, as one line per answered request (no "incoming request" line): info for API changes
 * (POST/PATCH/DELETE), refusals (4xx) and websocket upgrades; debug for successful reads, static files and
 * /healthz (issue 13: the one-time password in the start banner must not scroll away); errors at error. Every `req` passes requestSerializer.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    const line = { req: requestSerializer(req), status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else if (isQuiet(req, reply.statusCode)) reply.log.debug(line, 'request');
    else reply.log.info(line, 'request');
  }
}
