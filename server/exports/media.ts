// Media types and the download header of the exports — kept apart from the format libraries, which the routes
// load on first use: exceljs alone takes seconds to import on a busy machine, and the server must start fast.

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A Content-Disposition naming the file in UTF-8 (RFC 6266/5987) with an ASCII fallback for old readers. */
export function attachment(filename: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
