import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

// Guards every request passes before its body is read (the issue-12 attack on a live instance):
// - CSRF: a state-changing request must be `application/json` (bodyless too: a cross-site form or a no-cors fetch
//   cannot send that type without a preflight the server never grants) and, when a browser says where it comes
//   from, from this very origin (Origin, or Sec-Fetch-Site same-origin/none). A request with neither header is
//   not from a browser (browsers send Origin on every POST), so it cannot carry someone else's cookie. Tablets
//   (Bearer tokens) pass the same checks: they are browsers too.
// - An anonymous request's body is limited to ANONYMOUS_BODY_LIMIT before it is parsed: sign-in and pairing are
//   tiny; only a signed-in account or a paired tablet may send a large body (a unit report with photos).

/** Bytes an anonymous request may send (login and pairing bodies are well under 1 KB). */
export const ANONYMOUS_BODY_LIMIT = 64 * 1024;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const tooLarge = () => new AppError(413, 'payload_too_large', 'the body is too large');
const crossOrigin = () => new AppError(403, 'forbidden', 'cross-origin request refused: open the page from this server');

/** The media type of a Content-Type header, lower-case, without parameters. */
const mediaType = (header: string | undefined) => header?.split(';')[0]?.trim().toLowerCase();

/**
 * True when the browser says the request comes from this server's own pages: `Origin` equal to the scheme and
 * Host of this request, or (without Origin) `Sec-Fetch-Site: same-origin|none`. No header at all: not a browser.
 */
export function sameOrigin(req: Pick<FastifyRequest, 'headers' | 'protocol'>): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (origin === 'null') return false;
    try {
      // Both through URL, so a default port written or left out compares equal (Host: h:443 and Origin https://h).
      const u = new URL(origin);
      const own = new URL(`${req.protocol}://${req.headers.host ?? ''}`);
      return u.protocol === own.protocol && u.host === own.host;
    } catch {
      return false;
    }
  }
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

/** Counts the bytes of a body as it streams and fails with 413 past `limit`, before any parser sees it. */
class ByteLimit extends Transform {
  private seen = 0;
  receivedEncodedLength = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    this.receivedEncodedLength = this.seen;
    if (this.seen > this.limit) done(tooLarge());
    else done(null, chunk);
  }
}

/** The routes that take a file as it is, and the media types they read (server/import/body.ts). */
const FILE_IMPORT_ROUTE = /^\/api\/meetings\/[^/]+\/(?:deputies|candidates)\/import(?:\?|$)/;
const IMPORT_FILE_TYPES = new Set([
  'text/csv',
  'text/tab-separated-values',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/octet-stream',
]);

export default fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', async (req) => {
      if (SAFE_METHODS.has(req.method)) return;
      if (!sameOrigin(req)) throw crossOrigin();
      const type = mediaType(req.headers['content-type']) ?? '';
      // The imports also take the office's file as it is (issue 15); a signed-in, same-origin request only.
      const fileImport = req.staff != null && FILE_IMPORT_ROUTE.test(req.url) && IMPORT_FILE_TYPES.has(type);
      if (type !== 'application/json' && !fileImport) {
        throw new AppError(415, 'unsupported_media_type', 'send Content-Type: application/json (also with no body)');
      }
      if (!req.staff && !req.device) {
        const length = Number(req.headers['content-length'] ?? 0);
        if (length > ANONYMOUS_BODY_LIMIT) throw tooLarge();
      }
    });
    app.addHook('preParsing', async (req, _reply, payload) => {
      if (req.staff || req.device) return payload;
      const limited = new ByteLimit(ANONYMOUS_BODY_LIMIT);
      payload.on('error', (err) => limited.destroy(err));
      return payload.pipe(limited);
    });

    // application/json with no body at all is a bodyless command (open, close, revoke…): parsed as undefined,
    // which the routes read as {}. Anything else goes to Fastify's own JSON parser (prototype-poisoning checks).
    const json = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      if (body === '') {
        done(null, undefined);
        return;
      }
      json(req, body as string, done);
    });
  },
  { name: 'request-guards', dependencies: ['auth'] },
);
