import { imageSize } from 'image-size';

/**
 * Images people upload (NGO logos, report photos) are judged by their bytes alone: the name and
 * the declared Content-Type are whatever the sender wants them to be. What passes is a complete
 * PNG, JPEG or WebP whose dimensions decode, within the limits below.
 */

export const MAX_IMAGE_BYTES = 256 * 1024;
/** Big enough for any logo or photo shown on a page; small enough that decoding stays cheap. */
export const MAX_IMAGE_SIDE = 4096;
/** A 1×1 "image" is a tracking pixel, not a logo. */
export const MIN_IMAGE_SIDE = 16;

export type ImageType = 'png' | 'jpeg' | 'webp';

export const IMAGE_CONTENT_TYPES: Record<ImageType, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

/** File extension of the stored object, which is also how the serving route picks the type. */
export const IMAGE_EXTENSIONS: Record<ImageType, string> = { png: 'png', jpeg: 'jpg', webp: 'webp' };

export type ValidImage = { type: ImageType; contentType: string; width: number; height: number };
export type ImageCheck = { ok: true; image: ValidImage } | { ok: false; message: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// A PNG ends with an empty IEND chunk: length 0, "IEND", then its fixed CRC.
const PNG_END = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

function readAscii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

/** The type named by the magic bytes, and whether the file is whole (not cut off in transit). */
function sniffType(bytes: Uint8Array): { type: ImageType; complete: boolean } | null {
  if (startsWith(bytes, PNG_SIGNATURE)) {
    return { type: 'png', complete: startsWith(bytes, PNG_END, bytes.length - PNG_END.length) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    // Some encoders pad after the end-of-image marker; the marker must still be there.
    let end = bytes.length;
    while (end > 2 && bytes[end - 1] === 0x00) end--;
    return { type: 'jpeg', complete: bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9 };
  }
  if (bytes.length >= 16 && readAscii(bytes, 0, 4) === 'RIFF' && readAscii(bytes, 8, 4) === 'WEBP') {
    const riffSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
    return { type: 'webp', complete: riffSize + 8 === bytes.length };
  }
  return null;
}

/** Check uploaded bytes; the message is for the person who chose the file. */
export function validateImage(bytes: Uint8Array): ImageCheck {
  if (bytes.length === 0) return { ok: false, message: 'the file is empty' };
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, message: 'at most 256 KB' };
  const sniffed = sniffType(bytes);
  if (!sniffed) return { ok: false, message: 'a PNG, JPEG or WebP image' };
  if (!sniffed.complete) return { ok: false, message: 'the image is incomplete or damaged' };
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    return { ok: false, message: 'the image is damaged (its size cannot be read)' };
  }
  // image-size reads the header on its own: it must agree with the magic bytes.
  const detected = size.type === 'jpg' ? 'jpeg' : size.type;
  if (detected !== sniffed.type || !size.width || !size.height) {
    return { ok: false, message: 'the image is damaged (its size cannot be read)' };
  }
  const { width, height } = size;
  if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) {
    return { ok: false, message: `at least ${MIN_IMAGE_SIDE}×${MIN_IMAGE_SIDE} pixels` };
  }
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    return { ok: false, message: `at most ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE} pixels` };
  }
  return { ok: true, image: { type: sniffed.type, contentType: IMAGE_CONTENT_TYPES[sniffed.type], width, height } };
}
