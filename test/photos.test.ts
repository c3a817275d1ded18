import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodePhotos, photoDir, readPhotoFile, writePhotoFiles } from '../server/projects/photos.ts';

// Photo uploads (issue 12): re-encoded from their pixels with sharp, so EXIF — a phone's GPS position above all —
// never reaches the disk or the public page, and a file that only starts like an image is refused.
const photo = (bytes: Buffer, contentType: 'image/jpeg' | 'image/png' | 'image/webp' = 'image/jpeg') => ({ filename: 'x', contentType, dataBase64: bytes.toString('base64') });

async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'X1', ImageDescription: 'site visit' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 2/1', GPSLongitudeRef: 'E', GPSLongitude: '112/1 11/1 5/1' },
    })
    .toBuffer();
}

describe('photo uploads', () => {
  it('a JPEG with a GPS position comes out without any EXIF, the same size and still a JPEG', async () => {
    const original = await jpegWithGps();
    const before = await sharp(original).metadata();
    expect(before.exif, 'the test photo carries EXIF').toBeDefined();
    // The GPS IFD pointer (tag 0x8825), in either byte order, and the maker's name.
    const gpsTag = (b: Buffer) => b.includes(Buffer.from([0x88, 0x25])) || b.includes(Buffer.from([0x25, 0x88]));
    expect(gpsTag(before.exif!), 'the test photo carries a GPS position').toBe(true);
    expect(original.includes(Buffer.from('PhoneMaker'))).toBe(true);
    const [clean] = await decodePhotos([photo(original)]);
    const after = await sharp(clean!.bytes).metadata();
    expect(after.format).toBe('jpeg');
    expect([after.width, after.height]).toEqual([64, 48]);
    expect(after.exif).toBeUndefined();
    expect(clean!.bytes.includes(Buffer.from('Exif'))).toBe(false);
    expect(clean!.bytes.includes(Buffer.from('PhoneMaker'))).toBe(false);
  });

  it('a polyglot (JPEG magic bytes, then HTML) is refused; a real JPEG with a payload after it is stored without it', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<html><script>alert(1)</script></html>')]);
    await expect(decodePhotos([photo(fake)])).rejects.toMatchObject({ statusCode: 400, code: 'invalid_input', message: 'photos.0.dataBase64: the bytes do not decode as image/jpeg' });
    const carrier = Buffer.concat([await jpegWithGps(), Buffer.from('PK\u0003\u0004<script>alert(1)</script>')]);
    const [clean] = await decodePhotos([photo(carrier)]);
    expect(clean!.bytes.includes(Buffer.from('<script>'))).toBe(false);
  });

  it('the type is the decoder\'s: a PNG declared and sniffed as PNG but cut short does not pass', async () => {
    const png = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#369' } }).png().toBuffer();
    await expect(decodePhotos([photo(png.subarray(0, png.length >> 1), 'image/png')])).rejects.toMatchObject({ code: 'invalid_input', message: 'photos.0.dataBase64: the bytes do not decode as image/png' });
    const [whole] = await decodePhotos([photo(png, 'image/png')]);
    expect((await sharp(whole!.bytes).metadata()).format).toBe('png');
  });

  it('are stored for the server\'s user alone: DATA_DIR/photos 0700, each file 0600, whatever the umask', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'piaojue-photos-'));
    const umask = process.umask(0o022);
    try {
      const decoded = await decodePhotos([photo(await jpegWithGps())]);
      const [file] = await writePhotoFiles(dataDir, [...decoded, ...decoded]);
      const mode = (p: string) => statSync(p).mode & 0o777;
      expect(mode(photoDir(dataDir))).toBe(0o700);
      expect(mode(path.join(photoDir(dataDir), file!))).toBe(0o600);
      expect((await readPhotoFile(dataDir, file!)).equals(decoded[0]!.bytes)).toBe(true);
    } finally {
      process.umask(umask);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
