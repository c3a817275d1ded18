/**
 * A CSV file's text. Spreadsheets on Chinese Windows often save GBK rather than UTF-8: a file that is not valid
 * UTF-8 is read as GB18030 (a superset of GBK) instead of showing mojibake.
 */
export async function readTextFile(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
