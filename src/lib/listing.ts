/**
 * NGOs per listing page: enough to browse, small enough to stay a light page. Apart from
 * directory.ts (which needs `astro:content`) so the build script can count listing pages.
 */
export const LISTING_PAGE_SIZE = 50;
