// @ts-check
import { defineConfig, sessionDrivers } from 'astro/config';
import cloudflare from '@astrojs/cloudflare';
import preact from '@astrojs/preact';
import sitemap from '@astrojs/sitemap';
import { getNgoPageSlug, readNgoLastmods } from './src/lib/sitemap-lastmod.ts';

/**
 * @astrojs/sitemap sorts URLs with `a.localeCompare(b, 'en', { numeric: true })`,
 * which builds a collator per comparison: ~5.5 s of a 60 s budget for 37k pages.
 * During its hook only, that exact call goes through one shared Intl.Collator,
 * which orders strings identically.
 * @param {import('astro').AstroIntegration} integration
 * @returns {import('astro').AstroIntegration}
 */
function withFastCollation(integration) {
  const done = integration.hooks['astro:build:done'];
  if (!done) return integration;
  const collator = new Intl.Collator('en', { numeric: true });
  integration.hooks['astro:build:done'] = async (params) => {
    const original = String.prototype.localeCompare;
    /** @type {(this: string, that: string, locales?: Intl.LocalesArgument, options?: Intl.CollatorOptions) => number} */
    const patched = function (that, locales, options) {
      const fast = locales === 'en' && options?.numeric === true && Object.keys(options).length === 1;
      return fast ? collator.compare(String(this), that) : original.call(this, that, locales, options);
    };
    String.prototype.localeCompare = patched;
    try {
      return await done(params);
    } finally {
      String.prototype.localeCompare = original;
    }
  };
  return integration;
}

/** @type {Promise<Map<string, string>> | undefined} */
let ngoLastmods;
/**
 * An NGO page's sitemap entry gets the day its data last changed (src/lib/sitemap-lastmod.ts),
 * read once, when the sitemap is written (not when the config loads for dev or check).
 * @param {import('@astrojs/sitemap').SitemapItem} item
 */
async function addNgoLastmod(item) {
  const slug = getNgoPageSlug(item.url);
  if (!slug) return item;
  ngoLastmods ??= readNgoLastmods();
  const lastmod = (await ngoLastmods).get(slug);
  return lastmod ? { ...item, lastmod } : item;
}

// The public origin used for canonical URLs, Open Graph and the sitemap.
const site = process.env.SITE_URL ?? 'https://jumo.example.org';

export default defineConfig({
  site,
  output: 'static',
  trailingSlash: 'always',
  adapter: cloudflare({
    // workerd prerendering is ~5x slower for 35k pages (see DESIGN.md).
    prerenderEnvironment: 'node',
    imageService: 'passthrough',
  }),
  // The site keeps no Astro sessions (our own session code lives in functions/),
  // so the adapter must not add a KV binding for them.
  session: { driver: sessionDrivers.lruCache() },
  integrations: [
    // The signed-in app pages (/me/, /manage/, /admin/, /feed/, /volunteer/) are Preact
    // components; NGO pages use plain custom elements (docs/architecture.md, "Islands").
    preact({ include: ['src/apps/**'] }),
    withFastCollation(
      sitemap({
        // Error and app pages are noindex; keep them out of the sitemap too.
        filter: (page) =>
          !/\/(signin-error|search|feed|manage|admin|me|follow|embed\/ngo)\/$/.test(new URL(page).pathname),
        serialize: addNgoLastmod,
      }),
    ),
  ],
  // Pages are written while others render: with one at a time, the build spent a third of
  // its time waiting on the disk (measured: 37.6k pages in 52 s at 32, ~110 s at 1).
  build: { format: 'directory', concurrency: 32, inlineStylesheets: 'always' },
  prefetch: false,
  devToolbar: { enabled: false },
});
