import path from 'node:path';

/** Media types of the picture formats satori can draw. */
export const IMAGE_MIME: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

/** Whether satori can draw a picture file (by its extension). */
export function isDrawableImage(file: string): boolean {
  return path.extname(file).toLowerCase() in IMAGE_MIME;
}
