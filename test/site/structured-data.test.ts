import { createRequire } from 'node:module';
import { imageSize } from 'image-size';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ngo } from '../../model/ngo.ts';
import { getNgoOgImage, OG_LOCALE } from '../../src/lib/seo.ts';
import { createCardRenderer } from '../../functions/cards/card-renderer.ts';
import { loadNodeCardAssets } from '../../functions/cards/node-card-assets.ts';
import { describeNgoCard } from '../../model/ngo-card.ts';
import { ensureBuilt, jsonLd, linkHref, metaContent, readPage, readRecords } from './built-site.ts';
import { sampleNgosByRegister } from './page-types.ts';

/**
 * NGO pages through structured-data-testing-tool, the outside checker the site was audited
 * with: its Google preset (schema.org markup) and its social presets (Open Graph and Twitter
 * cards), on NGO pages from each register, plus what the presets cannot see (they only test
 * that a tag is there): that the values are this NGO's and the card image is real.
 */

// A CommonJS package without types; what the tests read from its results is typed below.
const require = createRequire(import.meta.url);
const { structuredDataTest } = require('structured-data-testing-tool');
const { Google, SocialMedia } = require('structured-data-testing-tool/presets');

type ToolTest = { test: string; description?: string; type?: string };
type ToolResult = { passed: ToolTest[]; failed: ToolTest[]; warnings: ToolTest[]; schemas: string[] };

/** Warnings the site accepts, and why. */
const ACCEPTED_WARNINGS = new Set([
  // Jumo has no account on X: a made-up handle would credit someone else (BaseLayout.astro).
  '"twitter:site"',
  '"twitter:creator"',
]);

async function runTool(html: string, ngo: Ngo, url: string): Promise<ToolResult> {
  const options = {
    presets: [Google, SocialMedia],
    schemas: ['NGO'],
    tests: [
      { test: 'NGO[*].name', expect: ngo.name, type: 'jsonld' },
      { test: 'NGO[*].url', expect: url, type: 'jsonld' },
      { test: 'NGO[*].address.addressCountry', expect: ngo.location.country, type: 'jsonld' },
      { test: '"og:url"', expect: url, type: 'metatag' },
    ],
  };
  try {
    return (await structuredDataTest(Buffer.from(html), options)) as ToolResult;
  } catch (error) {
    const failed = error as { type?: string; res?: ToolResult };
    if (failed.type === 'VALIDATION_FAILED' && failed.res) return failed.res;
    throw error;
  }
}

let samples: Ngo[] = [];

beforeAll(async () => {
  const records = await readRecords();
  ensureBuilt(records);
  samples = [...sampleNgosByRegister(records, 10).values()].flat();
}, 120_000);

describe('structured data and social cards of NGO pages', () => {
  it('pass the Google and social presets with no failure and only the accepted warnings', async () => {
    const problems: string[] = [];
    for (const ngo of samples) {
      const html = readPage(`/ngos/${ngo.slug}/`);
      const url = linkHref(html, 'canonical')!;
      const result = await runTool(html, ngo, url);
      expect(result.schemas).toContain('NGO');
      for (const t of result.failed) problems.push(`${ngo.id}: failed ${t.test} (${t.description ?? ''})`);
      for (const t of result.warnings) {
        if (!ACCEPTED_WARNINGS.has(t.test)) problems.push(`${ngo.id}: warning ${t.test} (${t.description ?? ''})`);
      }
    }
    expect(problems).toEqual([]);
    expect(new Set(samples.map((n) => n.id.split('-').slice(0, 2).join('-'))).size).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it("give each page its own card (drawn by the API), alt text saying what that card shows, and the NGO's JSON-LD", async () => {
    const renderer = createCardRenderer(loadNodeCardAssets);
    for (const [i, ngo] of samples.entries()) {
      const html = readPage(`/ngos/${ngo.slug}/`);
      const head = html.slice(0, html.indexOf('</head>'));
      const card = getNgoOgImage(ngo);
      const image = metaContent(head, 'og:image')!;
      expect(new URL(image).pathname).toBe(`/api/ngos/${ngo.id}/card.png`);
      expect(metaContent(head, 'twitter:image')).toBe(image);
      expect(metaContent(head, 'og:image:alt')).toBe(card.alt);
      expect(metaContent(head, 'twitter:image:alt')).toBe(card.alt);
      expect(card.alt).toContain(ngo.name);
      expect(metaContent(head, 'og:locale')).toBe(OG_LOCALE);
      // The card the route would send (same text, same renderer), drawn for two pages: the
      // route itself is tested in test/ngo-card.test.ts.
      if (i < 2) {
        const text = describeNgoCard({ name: ngo.name, country: ngo.location.country, firstCause: ngo.causes[0] });
        const size = imageSize(await renderer.renderPng(ngo.id, text));
        expect([size.width, size.height]).toEqual([
          Number(metaContent(head, 'og:image:width')),
          Number(metaContent(head, 'og:image:height')),
        ]);
      }
      const [data] = jsonLd(head) as Record<string, unknown>[];
      expect(data).toMatchObject({ '@context': 'https://schema.org', '@type': 'NGO', name: ngo.name });
      expect(data!.identifier).toContainEqual({ '@type': 'PropertyValue', propertyID: 'org-id', value: ngo.id });
    }
  });
});
