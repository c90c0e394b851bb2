import { z } from 'zod';
import { ngoIdSchema } from '../ids.ts';
import { API_ROUTES } from './routes.ts';
import { bytesBody, defineEndpoint, errorResponse, jsonResponse } from './contract.ts';

/** Images NGOs upload (logos, impact report photos): checked by content, stored once, served immutable. */

/** `<sha256>.<ext>`: the file name part of a media key `media/<sha256>.<ext>`. */
export const MEDIA_NAME_PATTERN = /^[0-9a-f]{64}\.(png|jpg|webp)$/;

/** A stored image, as an upload answers and as profiles and reports refer to it. */
export const storedImageSchema = z.object({
  /** `media/<sha256>.<ext>`: what a profile's `logo` (or a report's `photoKey`) holds. */
  key: z.string(),
  /** Where it is served: `/api/media/<sha256>.<ext>`. */
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** `image/png`, `image/jpeg` or `image/webp`, from the bytes. */
  contentType: z.string(),
});
export type StoredImageJson = z.infer<typeof storedImageSchema>;

export const uploadNgoImage = defineEndpoint({
  ...API_ROUTES.uploadNgoImage,
  summary:
    "Upload an image for an NGO (its logo, a report's photo): its managers only. The body is the file's bytes; PNG, JPEG or WebP up to 256 KB and 4096×4096 px, judged by content (magic bytes, decodable size), never by name or Content-Type",
  request: {
    params: z.object({ id: ngoIdSchema.describe('The NGO the image is for.') }),
    body: bytesBody('The image file, as is (Content-Type is ignored; application/octet-stream is fine).'),
  },
  responses: {
    201: jsonResponse(
      'Stored (the same bytes uploaded again answer the same key)',
      z.object({ image: storedImageSchema }),
    ),
    400: errorResponse('`image`: not a whole PNG, JPEG or WebP of a sane size'),
    401: errorResponse('Not signed in'),
    403: errorResponse("Not one of this NGO's managers"),
    404: errorResponse('No NGO in the directory has this id'),
    413: errorResponse('The body is over 256 KB'),
    429: errorResponse('Too many uploads from this account for now (Retry-After says when to try again)'),
  },
});

export const getMedia = defineEndpoint(
  {
    ...API_ROUTES.getMedia,
    summary:
      'A stored image, with its real content type and a year-long immutable cache (the name is the hash of the bytes, so it never changes); no database read',
    request: {
      params: z.object({
        name: z
          .string()
          .regex(MEDIA_NAME_PATTERN, 'a media name such as "<64 hex digits>.png"')
          .describe('`<sha256>.<ext>`'),
      }),
    },
    responses: {
      200: {
        description: 'The image',
        headers: z.object({
          'Cache-Control': z.string().describe('public, max-age=31536000, immutable'),
          'Content-Security-Policy': z
            .string()
            .describe("default-src 'none'; sandbox: nothing runs even if opened as a page"),
        }),
        content: {
          'image/png': { schema: z.string().describe('PNG bytes') },
          'image/jpeg': { schema: z.string().describe('JPEG bytes') },
          'image/webp': { schema: z.string().describe('WebP bytes') },
        },
      },
      400: errorResponse('`name` is not a media name'),
      404: errorResponse('No image has this name'),
    },
  },
  { noDatabase: true },
);
