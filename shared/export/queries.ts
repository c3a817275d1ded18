import { z } from 'zod';
import { yearSchema } from '../projects.ts';

/**
 * `?year=2023&asOf=2023-12-31` of the project exports (report.docx, list.xlsx): a four-digit year, required; the
 * optional 统计至 date as on the console's views (issue 16).
 */
export const projectExportQuerySchema = z.strictObject({
  year: z.string().regex(/^\d{4}$/, 'a year such as 2023').transform(Number).pipe(yearSchema),
  asOf: z.iso.date('a date as YYYY-MM-DD').optional(),
});
