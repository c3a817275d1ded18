import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { MAX_PHOTO_BYTES, type PhotoType, type PhotoUpload } from '../../shared/projects.ts';
import { errors } from '../errors.ts';

const EXTENSIONS: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const FILE_NAME = /^[A-Za-z0-9_-]+\.(jpg|png|webp)$/;

/** What the bytes are, by their magic numbers — never by the name or the declared type. */
export function sniffImage(bytes: Buffer): PhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export interface DecodedPhoto {
  filename: string;
  contentType: PhotoType;
  bytes: Buffer;
  sha256: string;
}

const DECODED_TYPES: Record<string, PhotoType> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
/** Larger than any phone camera (~50 MP); a "decompression bomb" of more pixels is refused before decoding. */
const MAX_PIXELS = 60_000_000;

/**
 * Decodes, checks and re-encodes every photo before anything is written; one readable 400 (invalid_input) names
 * the first bad one. Beyond the magic bytes, the image must decode whole with libvips (sharp) as the declared
 * type; it is then re-encoded from its pixels, upright — so EXIF (GPS position, camera serial), comments and
 * anything riding after or inside the image (a polyglot's HTML or ZIP) never reach the disk (issue 12).
 */
export async function decodePhotos(photos: PhotoUpload[]): Promise<DecodedPhoto[]> {
  const out: DecodedPhoto[] = [];
  for (const [i, p] of photos.entries()) {
    const bytes = Buffer.from(p.dataBase64, 'base64');
    const where = `photos.${i}.dataBase64`;
    if (bytes.length === 0) throw errors.badInput(where, 'the photo is empty');
    if (bytes.length > MAX_PHOTO_BYTES) throw errors.badInput(where, 'the photo is larger than 2 MB', { code: 'photo_too_large' });
    const actual = sniffImage(bytes);
    if (actual !== p.contentType) {
      throw errors.badInput(where, actual ? `the bytes are ${actual}, not ${p.contentType}` : `the bytes are not ${p.contentType}`);
    }
    const clean = await reencode(bytes, p.contentType).catch(() => null);
    if (!clean) throw errors.badInput(where, `the bytes do not decode as ${p.contentType}`);
    if (clean.decodedAs !== p.contentType) throw errors.badInput(where, `the image decodes as ${clean.decodedAs ?? 'something else'}, not ${p.contentType}`);
    out.push({ filename: p.filename, contentType: p.contentType, bytes: clean.bytes, sha256: createHash('sha256').update(clean.bytes).digest('hex') });
  }
  return out;
}

/** The image's pixels, decoded in full and encoded afresh as `type` with no metadata; throws when they do not decode. */
async function reencode(bytes: Buffer, type: PhotoType): Promise<{ bytes: Buffer; decodedAs: PhotoType | undefined }> {
  const input = () => sharp(bytes, { failOn: 'error', limitInputPixels: MAX_PIXELS });
  const meta = await input().metadata();
  const decodedAs = DECODED_TYPES[meta.format ?? ''];
  // rotate(): applies the EXIF orientation to the pixels, since the orientation tag goes with the rest.
  const image = input().rotate();
  const encoded = type === 'image/jpeg' ? image.jpeg({ quality: 88, mozjpeg: true }) : type === 'image/png' ? image.png() : image.webp({ quality: 88 });
  return { bytes: await encoded.toBuffer(), decodedAs };
}

export const photoDir = (dataDir: string) => path.join(dataDir, 'photos');

/**
 * Writes the photos under DATA_DIR/photos/ with random names, each fsynced, and returns the names. Written before
 * the report's transaction commits: if it then fails, the caller removes them (removePhotoFiles). The directory is
 * 0700 and every file 0600, as everything in DATA_DIR (issue 12): the server's user alone reads them.
 */
export async function writePhotoFiles(dataDir: string, photos: DecodedPhoto[]): Promise<string[]> {
  const dir = photoDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const written: string[] = [];
  try {
    for (const photo of photos) {
      const file = `${randomBytes(16).toString('base64url')}.${EXTENSIONS[photo.contentType]}`;
      const handle = await open(path.join(dir, file), 'wx', 0o600);
      written.push(file);
      try {
        await handle.writeFile(photo.bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  } catch (err) {
    await removePhotoFiles(dataDir, written);
    throw err;
  }
  return written;
}

export async function removePhotoFiles(dataDir: string, files: string[]): Promise<void> {
  await Promise.all(files.map((f) => rm(path.join(photoDir(dataDir), f), { force: true })));
}

export async function readPhotoFile(dataDir: string, file: string): Promise<Buffer> {
  // Names are ours, but refuse anything that could leave the directory all the same.
  if (!FILE_NAME.test(file)) throw new Error(`unexpected photo file name ${file}`);
  return readFile(path.join(photoDir(dataDir), file));
}
