// Which media type a chosen file is sent with. Browsers give .csv as text/csv, application/vnd.ms-excel or '' depending
// on the machine, so the extension decides; formats the server cannot read are named before anything is sent.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The accept list of the file picker. */
export const ACCEPT = '.csv,.tsv,.txt,.xlsx,.docx,text/csv,text/tab-separated-values,text/plain,' + `${XLSX_TYPE},${DOCX_TYPE}`;

/**
 * `{type}` for a readable file, `{unsupported}` naming the format for one that is not: the old binary .xls/.doc and
 * WPS's .et/.wps must be saved again as .xlsx/.docx (or CSV).
 */
export function mediaTypeOf(name: string): { type: string } | { unsupported: string } {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  switch (ext) {
    case 'xlsx':
      return { type: XLSX_TYPE };
    case 'docx':
      return { type: DOCX_TYPE };
    case 'tsv':
      return { type: 'text/tab-separated-values' };
    case 'txt':
      return { type: 'text/plain' };
    case 'csv':
      return { type: 'text/csv' };
    default:
      return { unsupported: ext ? `.${ext}` : name };
  }
}
