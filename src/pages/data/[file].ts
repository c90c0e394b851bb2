import type { APIRoute, GetStaticPaths } from 'astro';
import { loadOpenData } from '../../lib/open-data-build.ts';

/** /data/<file>: the bulk download's shards, record schema and manifest (src/lib/open-data.ts). */
export const getStaticPaths = (async () => {
  const { contents } = await loadOpenData();
  return [...contents].map(([file, body]) => ({ params: { file }, props: { body } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, props }) =>
  new Response(props.body as Uint8Array<ArrayBuffer>, {
    headers: { 'Content-Type': params.file!.endsWith('.gz') ? 'application/gzip' : 'application/json' },
  });
