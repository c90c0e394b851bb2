/**
 * Where uploaded images' bytes live: R2 on Cloudflare (binding `MEDIA`), files under a
 * directory on the Node entry (functions/media/file-media-store.ts). Keys are
 * `media/<sha256>.<ext>`, so an object never changes once written.
 */
export interface MediaStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Uint8Array | null>;
}

/** `media/` + 64 hex digits + an extension we write: nothing else is ever a key (no traversal). */
export const MEDIA_KEY_PATTERN = /^media\/[0-9a-f]{64}\.(png|jpg|webp)$/;

/** The parts of an R2 bucket binding we use (not all of @cloudflare/workers-types for two calls). */
export type R2BucketLike = {
  put(key: string, value: Uint8Array, options?: { httpMetadata?: { contentType?: string } }): Promise<unknown>;
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | null>;
};

export function isR2Bucket(value: unknown): value is R2BucketLike {
  const candidate = value as Partial<R2BucketLike> | null | undefined;
  return typeof candidate?.put === 'function' && typeof candidate.get === 'function';
}

export function createR2MediaStore(bucket: R2BucketLike): MediaStore {
  return {
    async put(key, bytes, contentType) {
      await bucket.put(key, bytes, { httpMetadata: { contentType } });
    },
    async get(key) {
      const object = await bucket.get(key);
      return object ? new Uint8Array(await object.arrayBuffer()) : null;
    },
  };
}
