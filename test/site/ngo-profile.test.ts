import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPublishedProfiles } from '../../content/read-profiles.ts';
import { decodeEntities } from './built-site.ts';

/**
 * A profile in content/ (as `npm run export` writes it) reaches the NGO page at build time:
 * a small build of the fixture NGOs with test/fixtures/profiles/profiles.jsonl, into its own
 * directory (dist/ is left alone).
 */
const OUT = '.cache/profile-site-test';
const PROFILES_FILE = 'test/fixtures/profiles/profiles.jsonl';
const page = (slug: string) => readFileSync(join(OUT, 'client/ngos', slug, 'index.html'), 'utf8');

function readJsonLd(html: string): Record<string, any> {
  const match = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html);
  return JSON.parse(match![1]!);
}

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  // Under the build lock: Astro also writes .astro/ and Vite's cache in the shared tree.
  const astro = [process.execPath, 'node_modules/astro/bin/astro.mjs', 'build', '--outDir', OUT];
  execFileSync('flock', ['/tmp/jumo-dist.lock', ...astro], {
    env: {
      ...process.env,
      CONTENT_DIR: 'test/fixtures/ngos',
      PROFILES_FILE,
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    stdio: 'pipe',
  });
}, 400_000);

describe('an NGO page with a profile in content/', () => {
  it('shows the NGO-provided facts apart, labelled with the date, mission as sanitised HTML and the logo', async () => {
    const profile = (await readPublishedProfiles(PROFILES_FILE)).get('GB-NIC-100002')!;
    const html = page('cancer-lifeline-100002');
    const section = /<section class="ngo-provided"[^>]*>(.*?)<\/section>/s.exec(html)![1]!;
    expect(decodeEntities(section.replace(/<[^>]+>/g, ''))).toContain('Provided by the NGO, updated 12 March 2027');
    expect(section).toContain('<strong>people living with cancer</strong>');
    // The description's <script> was text in the Markdown and stays text.
    expect(section).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(section).toMatch(
      new RegExp(`<img class="provided-logo" src="/api/${profile.logo}" alt="Cancer Lifeline logo"`),
    );
    for (const href of [profile.website, profile.social!.facebook, profile.social!.instagram]) {
      expect(section).toMatch(new RegExp(`<a href="${href}" rel="nofollow ugc noopener"`));
    }
    expect(section).toContain('English, Irish');
    expect(section).toContain('Founded');
    // The registry's facts stay in their own panel, unchanged.
    expect(html).toMatch(/<h2 id="h-facts"[^>]*>Public record<\/h2>/);
  });

  it('sends "Donate on their website" to the NGO’s donation page', () => {
    const html = page('cancer-lifeline-100002');
    expect(html).toMatch(
      /<a class="btn btn-primary" href="https:\/\/cancer-lifeline\.example\.org\/donate" rel="nofollow ugc noopener"[^>]*>Donate on their website/,
    );
  });

  it('adds description, logo, sameAs (social links) and foundingDate to the JSON-LD', () => {
    const ld = readJsonLd(page('cancer-lifeline-100002'));
    expect(ld.description).toBe('We support **people living with cancer** in Belfast.');
    expect(ld.logo).toBe(`https://jumo.example.org/api/media/${'ab'.repeat(32)}.png`);
    expect(ld.foundingDate).toBe('1999');
    expect(ld.sameAs).toEqual(
      expect.arrayContaining(['https://www.facebook.com/cancerlifeline', 'https://instagram.com/cancerlifeline']),
    );
  });

  it('stays within the 12 KB gzipped HTML budget', () => {
    expect(gzipSync(page('cancer-lifeline-100002')).length).toBeLessThanOrEqual(12 * 1024);
  });

  it('leaves a page without a profile as it was: no section, registry website for donations', () => {
    const html = page('disability-action-ni-100004');
    expect(html).not.toContain('data-ngo-provided');
    expect(html).not.toContain('Provided by the NGO');
    expect(html).toMatch(/<a class="btn btn-primary" href="https:\/\/www\.disabilityaction\.org\/" rel="noopener"/);
    const ld = readJsonLd(html);
    expect(ld.logo).toBeUndefined();
    expect(ld.foundingDate).toBeUndefined();
  });

  it('publishes when the site was built, for /manage/ to say whether a save is live', () => {
    const { builtAt } = JSON.parse(readFileSync(join(OUT, 'client/publish.json'), 'utf8'));
    expect(Date.now() - Date.parse(builtAt)).toBeLessThan(10 * 60_000);
  });
});
