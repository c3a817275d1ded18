import { z } from 'zod';
import { yearSchema } from '../projects.ts';

/** `?year=2023` of the project exports (report.docx, list.xlsx): a four-digit year, required. */
export const projectExportQuerySchema = z.strictObject({
  year: z.string().regex(/^\d{4}$/, 'a year such as 2023').transform(Number).pipe(yearSchema),
});
