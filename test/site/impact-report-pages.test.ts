import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExporters } from '../../scripts/export/exporter.ts';
import { impactReportsExporter } from '../../scripts/export/impact-reports.ts';
import { createHarness, type Actor, type Harness } from '../helpers/harness.ts';
import { decodeEntities, findTags, metaContent } from './built-site.ts';

/**
 * From the API to the pages: reports published through the API, written by the export step
 * (the real exporter), rendered by a real Astro build of the fixture directory, and read back
 * as HTML. The build is small (44 NGOs) and goes to a temporary folder under .cache/, never dist/.
 */

const NGO = 'GB-NIC-100002';
const SLUG = 'cancer-lifeline-100002';
const OTHER_NGO = 'GB-NIC-100004';
const OTHER_SLUG = 'disability-action-ni-100004';
const QUIET_SLUG = 'tar-anall-100703';

let h: Harness;
let dir = '';
let site = '';
const ids: Record<'older' | 'newer' | 'hidden', string> = { older: '', newer: '', hidden: '' };

const read = (path: string) => readFileSync(join(site, path, 'index.html'), 'utf8');
const headOf = (html: string) => html.slice(0, html.indexOf('</head>'));

beforeAll(async () => {
  let t = Date.UTC(2026, 2, 12, 9);
  h = await createHarness({ demoSignIn: true, rateLimits: 'lifted', now: () => new Date((t += 60_000)) });
  const admin = await h.makeAdmin('Pages Admin');
  const manager: Actor = await h.signIn('Pages Manager');
  await h.makeManager(manager, NGO, admin);
  await h.makeManager(manager, OTHER_NGO, admin);
  const publish = async (ngo: string, body: Record<string, unknown>) => {
    const answer = await h.json('POST', `/api/ngos/${ngo}/impact-reports`, manager, body);
    if (answer.status !== 201) throw new Error(JSON.stringify(answer.body));
    return answer.body.report.id as string;
  };
  ids.older = await publish(NGO, {
    title: 'Our 2025 in numbers',
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    currency: 'GBP',
    receivedMinor: 1_250_000,
    spentMinor: 980_050,
    body: 'We ran **40** support groups. <script>alert(1)</script>',
  });
  ids.newer = await publish(NGO, {
    title: 'Winter appeal & "what came of it"',
    periodStart: '2026-01-01',
    periodEnd: '2026-02-28',
    body: 'Every gift became [a night of care](https://example.org/care).',
  });
  ids.hidden = await publish(OTHER_NGO, {
    title: 'Hidden before the publish',
    periodStart: '2025-01-01',
    periodEnd: '2025-06-30',
    body: 'Not for the pages.',
  });
  const reported = await h.json('POST', '/api/reports', admin, {
    kind: 'impact_report',
    itemId: ids.hidden,
    reason: 'Copied from elsewhere',
  });
  await h.json('POST', `/api/admin/reports/${reported.body.report.id}/resolution`, admin, { action: 'hide' });

  // Inside the project: the build's prerender chunks resolve packages from its node_modules.
  mkdirSync('.cache', { recursive: true });
  dir = mkdtempSync(join('.cache', 'report-pages-'));
  const [result] = await runExporters(h.db, dir, [impactReportsExporter]);
  expect(result).toMatchObject({ lines: 2, changed: true });
  // Under the build lock: Astro also writes .astro/ and Vite's cache in the shared tree.
  const astro = [process.execPath, 'node_modules/astro/bin/astro.mjs', 'build', '--outDir', join(dir, 'dist')];
  execFileSync('flock', ['/tmp/jumo-dist.lock', ...astro], {
    stdio: 'pipe',
    env: {
      ...process.env,
      CONTENT_DIR: 'test/fixtures/ngos',
      IMPACT_REPORTS_FILE: join(dir, 'impact-reports.jsonl'),
      PROFILES_FILE: join(dir, 'no-profiles.jsonl'),
      ASTRO_TELEMETRY_DISABLED: '1',
    },
  });
  site = existsSync(join(dir, 'dist', 'client')) ? join(dir, 'dist', 'client') : join(dir, 'dist');
}, 400_000);

afterAll(() => {
  h?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the export step', () => {
  it('writes visible reports only, in a stable order, and rewrites nothing when nothing changed', async () => {
    const lines = readFileSync(join(dir, 'impact-reports.jsonl'), 'utf8').trim().split('\n');
    const exported = lines.map((l) => JSON.parse(l) as { id: string; ngoId: string });
    expect(exported.map((r) => r.id)).toEqual([ids.older, ids.newer]);
    expect(exported[0]).toMatchObject({ ngoId: NGO, currency: 'GBP', receivedMinor: 1_250_000, spentMinor: 980_050 });
    expect(exported[1]).not.toHaveProperty('currency');
    const [again] = await runExporters(h.db, dir, [impactReportsExporter]);
    expect(again).toMatchObject({ lines: 2, changed: false });
  });
});

describe('impact report pages', () => {
  it('gives each report its own page with Open Graph tags', () => {
    const path = `/ngos/${SLUG}/reports/${ids.older}/`;
    const html = read(path);
    const head = headOf(html);
    expect(metaContent(head, 'og:type')).toBe('article');
    expect(metaContent(head, 'og:title')).toBe('Our 2025 in numbers: Cancer Lifeline');
    expect(metaContent(head, 'og:url')).toBe(`https://jumo.example.org${path}`);
    expect(metaContent(head, 'og:description')).toBe(
      "Cancer Lifeline's impact report for 1 January 2025 – 31 December 2025: received £12,500.00, spent £9,800.50.",
    );
    expect(metaContent(head, 'og:image')).toMatch(/^https:\/\/jumo\.example\.org\/.+\.(png|jpg)$/);
    expect(metaContent(head, 'twitter:card')).toBe('summary_large_image');
    expect(findTags(head, 'link').find((l) => l.rel === 'canonical')?.href).toBe(`https://jumo.example.org${path}`);
    const body = html.slice(html.indexOf('<main'));
    expect(body).toContain('<h1>Our 2025 in numbers</h1>');
    expect(body).toContain('<strong>40</strong>');
    expect(body).toContain('£12,500.00');
    expect(body).toContain('£9,800.50');
    // The <script> a manager typed is text, escaped once by the Markdown renderer.
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).not.toMatch(/<script>alert/);
    expect(body).toContain(`href="/ngos/${SLUG}/"`);
  });

  it('escapes titles in the page and its tags', () => {
    const html = read(`/ngos/${SLUG}/reports/${ids.newer}/`);
    expect(decodeEntities(metaContent(headOf(html), 'og:title') ?? '')).toBe(
      'Winter appeal & "what came of it": Cancer Lifeline',
    );
    expect(html).not.toContain('appeal & "what');
  });

  it('lists the reports on the NGO page, newest first, with when it last reported', () => {
    const html = read(`/ngos/${SLUG}/`);
    const section = html.slice(html.indexOf('data-impact-reports'));
    const links = [...section.matchAll(/href="(\/ngos\/[^"]+\/reports\/[^"]+\/)"/g)].map((m) => m[1]);
    expect(links).toEqual([`/ngos/${SLUG}/reports/${ids.newer}/`, `/ngos/${SLUG}/reports/${ids.older}/`]);
    const last = section.slice(section.indexOf('data-last-reported'));
    const newest = readFileSync(join(dir, 'impact-reports.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; publishedAt: string })
      .find((r) => r.id === ids.newer)!;
    expect(last).toMatch(
      new RegExp(
        `^data-last-reported[^>]*>\\s*Last reported <time datetime="${newest.publishedAt}">12 March 2026</time>`,
      ),
    );
  });

  it('has no page for a hidden report, and no section for an NGO with no visible report', () => {
    expect(existsSync(join(site, 'ngos', OTHER_SLUG, 'reports', ids.hidden))).toBe(false);
    expect(read(`/ngos/${OTHER_SLUG}/`)).not.toContain('data-impact-reports');
    expect(read(`/ngos/${QUIET_SLUG}/`)).not.toContain('data-impact-reports');
  });
});
