// @ts-check
import { defineConfig, sessionDrivers } from 'astro/config';
import cloudflare from '@astrojs/cloudflare';
import sitemap from '@astrojs/sitemap';

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
  session: { driver: sessionDrivers.memory() },
  integrations: [
    // Error pages are noindex; keep them out of the sitemap too.
    sitemap({ filter: (page) => !/\/(signin-error|search)\/$/.test(new URL(page).pathname) }),
  ],
  build: { format: 'directory', concurrency: 1 },
  prefetch: false,
  devToolbar: { enabled: false },
});
