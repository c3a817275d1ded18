import type { FastifyInstance } from 'fastify';
import { isLocalOnlyHost, setPublicUrlBodySchema, type HallInfo } from '../../shared/hall.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import { actorOf, ALL_STAFF } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
import { CA_DER_PATH, CA_PAGE_CSP, CA_PAGE_PATH, CA_PEM_PATH, caFile, renderCaPage } from './ca-page.ts';
import type { HallNetwork } from './hall.ts';
import { parsePublicUrl } from './public-url.ts';

/**
 * The hall address and the root certificate: GET /api/hall (staff) for the console, POST /api/hall/public-url
 * (admin) to choose the hall address, and the root's install page and files (anyone; only with a local CA).
 */
export default async function hallRoutes(app: FastifyInstance, opts: { hall: HallNetwork }) {
  const { hall } = opts;

  app.get('/api/hall', { preHandler: app.requireStaff(...ALL_STAFF) }, async (): Promise<HallInfo> => {
    const chosen = hall.publicUrl();
    const ca = hall.ca;
    return {
      scheme: hall.scheme,
      insecureHttp: hall.opts.insecureHttp,
      publicUrl: chosen?.url ?? null,
      publicUrlSource: chosen?.source ?? null,
      candidates: hall.candidates(),
      ca: ca ? { port: hall.caPort(), fingerprint256: ca.fingerprint256 } : null,
    };
  });

  app.post('/api/hall/public-url', { preHandler: app.requireStaff('admin') }, async (req) => {
    const { publicUrl } = parse(setPublicUrlBodySchema, req.body);
    if (hall.publicUrl()?.source === 'env') throw errors.conflict('the hall address is set by PUBLIC_URL on the server; change it there');
    let origin: string | null = null;
    if (publicUrl !== null) {
      const checked = parsePublicUrl(publicUrl, hall.scheme);
      if (!checked.ok) throw errors.badInput('publicUrl', checked.message);
      // The console's choice is for the hall's devices: an address only this machine knows reaches none of them.
      if (isLocalOnlyHost(new URL(checked.origin).hostname)) throw errors.badInput('publicUrl', 'localhost (127.0.0.1, ::1) reaches only this machine: choose the address the tablets use');
      origin = checked.origin;
    }
    // The audit event and the file change together: if writing hall.json (or the new certificate) fails, the
    // event rolls back.
    await app.db.transaction().execute(async (trx) => {
      await appendAudit(trx, { actor: actorOf(req), action: 'hall.public_url_set', detail: { publicUrl: origin } }, app.now());
      await hall.choose(origin);
    });
    return { publicUrl: origin };
  });

  // The root's routes exist only when the server runs its local CA (a given certificate or plain HTTP has none).
  if (!hall.ca) return;
  const requireCa = () => hall.ca!;
  app.get(CA_PAGE_PATH, async (req, reply) => {
    const ca = requireCa();
    const origin = hall.publicUrl()?.url ?? `${hall.scheme}://${req.host}`;
    return reply.type('text/html; charset=utf-8').header('content-security-policy', CA_PAGE_CSP).send(renderCaPage(ca, `${origin}/tablet/`));
  });
  for (const [url, which] of [
    [CA_DER_PATH, 'der'],
    [CA_PEM_PATH, 'pem'],
  ] as const) {
    app.get(url, async (_req, reply) => {
      const f = caFile(requireCa(), which);
      return reply.type(f.type).header('content-disposition', f.disposition).send(f.body);
    });
  }
}
