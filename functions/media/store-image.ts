import { getMediaObject, recordMediaObject } from '../../db/media.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { MEDIA_KEY_PATTERN } from './media-store.ts';
import { IMAGE_EXTENSIONS, validateImage } from './validate-image.ts';

export type StoredImage = {
  /** `media/<sha256>.<ext>`: what profiles and reports keep. */
  key: string;
  /** Where the image is served (`/api/media/<sha256>.<ext>`), relative to the site. */
  url: string;
  width: number;
  height: number;
  contentType: string;
};

/** The public path of a stored object. */
export function toMediaUrl(key: string): string {
  return `/api/${key}`;
}

async function hashHex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

function mediaStoreOf(c: AppContext) {
  const store = c.get('media');
  if (!store) throw new ApiError(503, 'server_misconfigured', 'Image storage is not configured on this server.');
  return store;
}

/**
 * Check an uploaded image by its bytes and store it for `ngoId`: the one way images enter Jumo
 * (logos, report photos). Refusals are a 400 naming `field`.
 */
export async function storeImage(
  c: AppContext,
  ngoId: string,
  bytes: Uint8Array<ArrayBuffer>,
  field = 'image',
): Promise<StoredImage> {
  const check = validateImage(bytes);
  if (!check.ok) throw new ApiError(400, 'validation_failed', `${field}: ${check.message}.`, { field });
  const { image } = check;
  const key = `media/${await hashHex(bytes)}.${IMAGE_EXTENSIONS[image.type]}`;
  const store = mediaStoreOf(c);
  // Bytes first, then the row: a row never points at an object that is not there.
  await store.put(key, bytes, image.contentType);
  await recordMediaObject(c.get('getDb')(), {
    key,
    contentType: image.contentType,
    bytes: bytes.length,
    width: image.width,
    height: image.height,
    uploadedBy: c.get('auth').user.id,
    ngoId,
    createdAt: c.get('now')(),
  });
  return { key, url: toMediaUrl(key), width: image.width, height: image.height, contentType: image.contentType };
}

/**
 * For a saved profile or report that names an image: it must be one that passed storeImage.
 * Not necessarily for this NGO: identical bytes are one object (the key is their hash), so two
 * NGOs uploading the same file share it, and every stored image is public anyway.
 * 400 naming `field` otherwise.
 */
export async function ensureStoredImage(c: AppContext, key: string, field: string): Promise<StoredImage> {
  const object = MEDIA_KEY_PATTERN.test(key) ? await getMediaObject(c.get('getDb')(), key) : null;
  if (!object) {
    throw new ApiError(400, 'validation_failed', `${field}: upload the image for this NGO first.`, { field });
  }
  return {
    key,
    url: toMediaUrl(key),
    width: object.width,
    height: object.height,
    contentType: object.contentType,
  };
}
