import type { ItemNgo } from './api-types.ts';

/** "Cancer Lifeline · " before an item's date, in lists that mix NGOs; nothing for an NGO without a page. */
export function NgoPrefix({ ngo }: { ngo?: ItemNgo }) {
  if (!ngo?.slug) return null;
  return (
    <>
      <a href={`/ngos/${ngo.slug}/`}>{ngo.name ?? 'NGO'}</a>
      {' · '}
    </>
  );
}
