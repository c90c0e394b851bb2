import { defineCollection } from 'astro:content';
import { ngoSchema } from '../model/ngo.ts';
import { readNgoShards } from '../content/read-ngo-shards.ts';

// CONTENT_DIR lets tests and small local builds point at a smaller directory.
const contentDir = process.env.CONTENT_DIR ?? 'content/ngos';

const ngos = defineCollection({
  loader: async () => (await readNgoShards(contentDir)) as { id: string }[],
  schema: ngoSchema,
});

export const collections = { ngos };
