import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ALL_STAFF } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
import { XLSX_TYPE } from './body.ts';
import { templateCsv, templateXlsx, TEMPLATE_KINDS } from './templates.ts';

const templateParamsSchema = z.strictObject({
  kind: z.enum(TEMPLATE_KINDS, { error: 'roster or candidates' }),
  format: z.enum(['csv', 'xlsx'], { error: 'csv or xlsx' }),
});

const FILE_NAMES = { roster: '代表名单模板', candidates: '候选项目清单模板' } as const;

/** GET /api/import-templates/:kind/:format — the empty roster or 附件 table to fill in, as a download. Staff. */
export default async function importRoutes(app: FastifyInstance) {
  app.get('/api/import-templates/:kind/:format', { preHandler: app.requireStaff(...ALL_STAFF) }, async (req, reply) => {
    const { kind, format } = parse(templateParamsSchema, req.params);
    const body = format === 'csv' ? templateCsv(kind) : await templateXlsx(kind);
    const name = `${FILE_NAMES[kind]}.${format}`;
    void reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
      .header('content-disposition', `attachment; filename="template.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    return body;
  });
}
