import { decodeText } from '../../../shared/import/grid.ts';

/**
 * A text file's characters (used for JSON files): a byte-order mark decides (UTF-8, UTF-16 LE/BE); without one,
 * valid UTF-8, else GB18030. Tables are not read here: the import screen sends the file's bytes to the server.
 */
export async function readTextFile(file: Blob): Promise<string> {
  return decodeText(new Uint8Array(await file.arrayBuffer())).text;
}
