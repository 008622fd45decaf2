/**
 * Persona photos: a picked image file, centre-cropped to a square, downscaled to at most 256 px and
 * encoded as a JPEG data: URL, well under the API's ~300 KB limit. Runs in the page (canvas).
 */

/** Longest side of a stored persona photo, in pixels. */
export const PHOTO_MAX_SIDE = 256;
/** The API refuses photos over about 300 KB; stay well under it. */
const MAX_DATA_URL_LENGTH = 380_000;
/** Bigger files are refused before decoding: a phone photo is a few MB, not hundreds. */
const MAX_FILE_BYTES = 40 * 1024 * 1024;

/** Why a file could not become a photo, in words a person can act on. */
export class PhotoError extends Error {
  override name = 'PhotoError';
}

/** Turns an image file into a square JPEG data URL at most `maxSide` pixels across. */
export async function photoDataUrl(file: Blob, maxSide = PHOTO_MAX_SIDE): Promise<string> {
  if (file.type && !file.type.startsWith('image/')) {
    throw new PhotoError('That file is not an image. Choose a PNG, JPEG, WebP or GIF photo.');
  }
  if (file.size > MAX_FILE_BYTES) {
    throw new PhotoError('That image is larger than 40 MB. Choose a smaller photo.');
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new PhotoError('Journeyboard could not read that image. Choose a PNG, JPEG, WebP or GIF photo.');
  }
  try {
    const side = Math.min(bitmap.width, bitmap.height);
    if (side < 1) throw new PhotoError('That image is empty. Choose another photo.');
    const out = Math.max(1, Math.min(maxSide, side));
    const canvas = document.createElement('canvas');
    canvas.width = out;
    canvas.height = out;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new PhotoError('This window cannot prepare photos (no canvas). Try again after restarting Journeyboard.');
    // JPEG has no transparency: a transparent PNG goes on white, not black.
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, out, out);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    const sx = (bitmap.width - side) / 2;
    const sy = (bitmap.height - side) / 2;
    ctx.drawImage(bitmap, sx, sy, side, side, 0, 0, out, out);
    for (const quality of [0.86, 0.75, 0.6, 0.45]) {
      const url = canvas.toDataURL('image/jpeg', quality);
      if (url.length <= MAX_DATA_URL_LENGTH) return url;
    }
    throw new PhotoError('That photo is too detailed to store small enough. Choose a simpler image.');
  } finally {
    bitmap.close();
  }
}
