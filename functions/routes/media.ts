import { createRoute } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import * as contracts from '../../model/api/media.ts';
import { ApiError } from '../errors.ts';
import { MEDIA_KEY_PATTERN } from '../media/media-store.ts';
import { storeImage } from '../media/store-image.ts';
import { MAX_IMAGE_BYTES } from '../media/validate-image.ts';
import { requireNgo } from '../middleware/require-ngo.ts';
import { requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';
import { limitContentCreation, requireNgoManager } from './engage-shared.ts';

/** The upload route's path: the app limits its body to 256 KB instead of the usual 16 KB. */
export const IMAGE_UPLOAD_PATH = /^\/api\/ngos\/[^/]+\/media$/;

const CONTENT_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

/** Stored objects never change (the name is their hash): caches may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** An image opened as a document (a crafted polyglot) may run nothing and load nothing. */
const MEDIA_CSP = "default-src 'none'; sandbox";

/**
 * The upload's body limit. The app applies it in place of the 16 KB one, before anything reads
 * the body (the UTF-8 check reads JSON-typed bodies whole), so 10 MB is refused unread.
 */
export const limitImageUploadBody = bodyLimit({
  maxSize: MAX_IMAGE_BYTES,
  onError: () => {
    throw new ApiError(413, 'payload_too_large', 'image: at most 256 KB.', { field: 'image' });
  },
});

export const mediaRoutes = createRouter()
  .openapi(
    createRoute({
      ...contracts.uploadNgoImage,
      middleware: [requireSession(), limitContentCreation(), requireNgo(), requireNgoManager()],
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const image = await storeImage(c, c.get('ngo').id, bytes, 'image');
      return c.json({ image }, 201);
    },
  )
  .openapi(createRoute({ ...contracts.getMedia }), async (c) => {
    const key = `media/${c.req.valid('param').name}`;
    const store = c.get('media');
    const bytes = MEDIA_KEY_PATTERN.test(key) && store ? await store.get(key) : null;
    if (!bytes) throw new ApiError(404, 'not_found', 'name: no image has this name.', { field: 'name' });
    const extension = key.slice(key.lastIndexOf('.') + 1);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': CONTENT_TYPES[extension]!,
      'Cache-Control': IMMUTABLE,
      'Content-Security-Policy': MEDIA_CSP,
      'X-Content-Type-Options': 'nosniff',
    });
  });
