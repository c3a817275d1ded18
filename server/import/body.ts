import { coded } from '../../shared/issues.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MONEY_UNITS } from '../../shared/import/candidate-cells.ts';
import { decodeText, isZip, textToGrid } from '../../shared/import/grid.ts';
import type { Grid } from '../../shared/import/grid.ts';
import { errors } from '../errors.ts';
import { docxToGrid } from './docx.ts';
import { xlsxToGrid } from './xlsx.ts';
import { safeParse } from '../../shared/safe-parse.ts';

// What the two import routes accept: the file itself as the body, with its media type, or JSON ({csv} or the
// entries). The preview is built from the same grid whatever the format.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** text/plain: Excel's "Unicode 文本" and pasted cells saved as .txt. */
export const FILE_TYPES = ['text/csv', 'text/tab-separated-values', 'text/plain', XLSX_TYPE, DOCX_TYPE] as const;
/** A roster of 5000 deputies as .xlsx is about 200 KB; the 附件 as .docx with its letterhead well under 1 MB. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Registers the file media types (raw bytes, at most MAX_FILE_BYTES) in the calling plugin's scope only. */
export function addFileParsers(app: FastifyInstance): void {
  app.addContentTypeParser([...FILE_TYPES], { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));
}

export const importQuerySchema = z.strictObject({
  dryRun: z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1'),
  /** The unit of bare amounts, when the preview asked (a 'unit' problem). */
  unit: z.enum(MONEY_UNITS, { error: 'unit is 元, 千元, 万元, 百万元 or 亿元' }).optional(),
  /** What to do with a duplicate person, when the preview asked (a 'duplicate' problem). */
  duplicates: z.enum(['skip', 'keep'], { error: 'duplicates is skip or keep' }).optional(),
  /** .xlsx: the sheet's name (the first when absent); .docx: the table's number, from 1 (the largest when absent). */
  sheet: z.string().min(1).max(100).optional(),
});
export type ImportQuery = z.infer<typeof importQuerySchema>;
export const csvBodySchema = z.strictObject({ csv: z.string().max(1_000_000).refine((s) => s.length > 0, coded('csv_empty', 'the CSV is empty')) });

export type ImportBody = { kind: 'grid'; grid: Grid } | { kind: 'json'; value: unknown };

const mediaOf = (req: FastifyRequest) => (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/** An OLE2 compound file: the old binary Excel (.xls), Word (.doc) and WPS (.et/.wps) formats. */
function isCompoundFile(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}

/** What's inside a ZIP, from the names its local headers carry (stored uncompressed). */
function zipKind(bytes: Buffer): 'xlsx' | 'docx' | null {
  const head = bytes.subarray(0, Math.min(bytes.length, 64 * 1024)).toString('latin1');
  if (head.includes('xl/')) return 'xlsx';
  if (head.includes('word/')) return 'docx';
  return null;
}

/**
 * The request body as a grid or JSON. A workbook or Word file sent under a text type is recognised by its ZIP
 * signature and read as what it is. Throws invalid_input for an empty file, a ZIP that is neither, an old binary
 * .xls/.doc/.et (named, never decoded as text), a bad sheet.
 */
export async function readImportBody(req: FastifyRequest, query: ImportQuery): Promise<ImportBody> {
  if (!Buffer.isBuffer(req.body)) {
    const isCsv = typeof req.body === 'object' && req.body !== null && 'csv' in req.body;
    if (!isCsv) return { kind: 'json', value: req.body };
    const parsed = safeParse(csvBodySchema, req.body);
    if (!parsed.success) throw errors.invalid(parsed.error);
    return { kind: 'grid', grid: textToGrid(parsed.data.csv) };
  }
  const bytes = req.body;
  if (bytes.length === 0) throw errors.badInput('file', 'the file is empty');
  const media = mediaOf(req);
  const kind = media === XLSX_TYPE ? 'xlsx' : media === DOCX_TYPE ? 'docx' : isZip(bytes) ? zipKind(bytes) ?? 'zip' : 'text';
  if (kind === 'zip') throw errors.badInput('file', 'the file is a ZIP archive but neither an Excel workbook (.xlsx) nor a Word document (.docx)');
  if (kind === 'xlsx') return { kind: 'grid', grid: await xlsxToGrid(bytes, query.sheet) };
  if (kind === 'docx') {
    const table = query.sheet === undefined ? undefined : Number(query.sheet);
    if (table !== undefined && !(Number.isInteger(table) && table >= 1)) throw errors.badInput('sheet', 'for a Word document, sheet is the number of the table, from 1');
    return { kind: 'grid', grid: await docxToGrid(bytes, table) };
  }
  if (isCompoundFile(bytes)) {
    throw errors.badInput('file', 'the file is an old binary Excel (.xls), Word (.doc) or WPS (.et) file, which cannot be read: save it again as .xlsx (or .docx, or CSV)');
  }
  const { text, encoding } = decodeText(bytes);
  return { kind: 'grid', grid: { ...textToGrid(text), encoding } };
}
