import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REPORT, PHOTO_TYPES } from '../../../shared/projects.ts';

// Photos chosen in a console form, as the API takes them (shared/projects.ts photoUploadSchema): JPEG, PNG or
// WebP, at most MAX_PHOTO_BYTES each and MAX_PHOTOS_PER_REPORT in all — checked here first so a wrong file is
// refused at once with the reason, before a large upload; the server checks again.

/** One photo as the API takes it: its name, its type, its bytes in base64. */
export interface PhotoFile {
  filename: string;
  contentType: string;
  dataBase64: string;
}

/** The `accept` attribute of a photo input: the API's types. */
export const PHOTO_ACCEPT = PHOTO_TYPES.join(',');

/** A chosen file read as the API takes it. Rejects when the browser cannot read it. */
export function readPhoto(file: File): Promise<PhotoFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve({ filename: file.name, contentType: file.type, dataBase64: url.slice(url.indexOf(',') + 1) });
    };
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the file'));
    reader.readAsDataURL(file);
  });
}

/** Why chosen files cannot be sent: the server's issue codes (client/i18n server section), with the file's name. */
export type PhotoProblem = { code: 'photo_type' | 'photo_too_large'; filename: string } | { code: 'too_many_photos'; max: number };

/** The first problem of `files` against the API's limits, or null when all may be sent. */
export function photoProblem(files: readonly { name: string; type: string; size: number }[]): PhotoProblem | null {
  if (files.length > MAX_PHOTOS_PER_REPORT) return { code: 'too_many_photos', max: MAX_PHOTOS_PER_REPORT };
  for (const f of files) {
    if (!(PHOTO_TYPES as readonly string[]).includes(f.type)) return { code: 'photo_type', filename: f.name };
    if (f.size > MAX_PHOTO_BYTES) return { code: 'photo_too_large', filename: f.name };
  }
  return null;
}
