import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
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

/** Decodes and checks every photo before anything is written: one readable 400 names the first bad one. */
export function decodePhotos(photos: PhotoUpload[]): DecodedPhoto[] {
  return photos.map((p, i) => {
    const bytes = Buffer.from(p.dataBase64, 'base64');
    const where = `photos.${i}.dataBase64`;
    if (bytes.length === 0) throw errors.badInput(where, 'the photo is empty');
    if (bytes.length > MAX_PHOTO_BYTES) throw errors.badInput(where, 'the photo is larger than 2 MB', { code: 'photo_too_large' });
    const actual = sniffImage(bytes);
    if (actual !== p.contentType) {
      throw errors.badInput(where, actual ? `the bytes are ${actual}, not ${p.contentType}` : `the bytes are not ${p.contentType}`);
    }
    return { filename: p.filename, contentType: p.contentType, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
}

export const photoDir = (dataDir: string) => path.join(dataDir, 'photos');

/**
 * Writes the photos under DATA_DIR/photos/ with random names, each fsynced, and returns the names. Written before
 * the report's transaction commits: if it then fails, the caller removes them (removePhotoFiles).
 */
export async function writePhotoFiles(dataDir: string, photos: DecodedPhoto[]): Promise<string[]> {
  const dir = photoDir(dataDir);
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  try {
    for (const photo of photos) {
      const file = `${randomBytes(16).toString('base64url')}.${EXTENSIONS[photo.contentType]}`;
      const handle = await open(path.join(dir, file), 'wx');
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
