import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { grantAdmin } from '../db/admins.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { addManager } from '../db/managers.ts';
import { runExporters } from '../scripts/export/exporter.ts';
import { EXPORTERS } from '../scripts/export/exporters.ts';
import { useBrowser } from './browser.ts';
import { signIn } from './session.ts';

/**
 * A manager completes a thin page at /manage/ (field errors, logo upload, preview, when it goes
 * live), an admin restores an earlier version at /admin/, and the export writes what was saved
 * into content/'s profiles file (test/site/ngo-profile.test.ts renders such a file on the page).
 */
const { newPage } = useBrowser();
const NGO = 'GB-NIC-100004';
const suffix = Date.now().toString(36);

let db: Database;
beforeAll(() => {
  const opened = openDatabase({ url: inject('databaseUrl') });
  if (!opened.ok) throw new Error(opened.reason);
  db = opened.db;
});
afterAll(() => db?.$client.close());

describe('NGO-provided profile', () => {
  it('manager saves a profile with a logo, sees field errors and the preview; admin restores; export writes it', async () => {
    const manager = await newPage();
    manager.setDefaultTimeout(10_000);
    const managerId = await signIn(manager, `Profile Manager ${suffix}`);
    await addManager(db, NGO, managerId, null, new Date());
    await manager.goto(`/manage/?ngo=${NGO}`);
    const section = manager.locator('[data-profile-section]');
    await section.getByText('Nothing saved yet').waitFor();

    // A forged "image" is refused by its content, beside the logo field.
    await section.getByLabel('Logo').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    await section.getByText('a PNG, JPEG or WebP image').waitFor();

    await section.getByLabel('Mission').fill(`We **stand up** for disabled people ${suffix}.`);
    await section.getByLabel('Website').fill('http://disabilityaction.org');
    await section.getByRole('button', { name: 'Save the profile' }).click();
    const website = section.getByLabel('Website');
    await expect.poll(() => website.getAttribute('aria-invalid')).toBe('true');
    await section.getByText('an https:// address').first().waitFor();

    await website.fill('disabilityaction.org');
    await section.getByLabel('Facebook').fill('https://www.facebook.com/disabilityactionni');
    await section.getByLabel('Languages').fill('en, ga');
    await section.getByLabel('Year founded').fill('1962');
    await section.getByLabel('Logo').setInputFiles('test/fixtures/images/logo.png');
    await section.locator('img[data-logo-preview]').waitFor();
    await section.getByRole('button', { name: 'Save the profile' }).click();
    await section.getByText('Saved. It goes live on the site at the next publish.').first().waitFor();
    expect(await section.locator('[data-publish-status]').getAttribute('data-publish-status')).toBe('pending');

    const preview = section.locator('.ngo-provided-preview');
    await preview.locator('strong', { hasText: 'stand up' }).waitFor();
    expect(await preview.textContent()).toContain('https://disabilityaction.org/');
    const logoSrc = await preview.locator('img').getAttribute('src');
    expect(logoSrc).toMatch(/^\/api\/media\/[0-9a-f]{64}\.png$/);
    const logo = await manager.request.get(logoSrc!);
    expect(logo.headers()['content-type']).toBe('image/png');
    expect(logo.headers()['cache-control']).toBe('public, max-age=31536000, immutable');

    // A second save, then an admin restores the first.
    await section.getByLabel('Mission').fill('Vandalised');
    await section.getByRole('button', { name: 'Save the profile' }).click();
    await preview.getByText('Vandalised').waitFor();

    const admin = await newPage();
    admin.setDefaultTimeout(10_000);
    await grantAdmin(db, await signIn(admin, `Profile Admin ${suffix}`), new Date());
    await admin.goto(`/admin/?profile=${NGO}`);
    const revisions = admin.locator('[aria-label="Profile revisions"] > li');
    await expect.poll(() => revisions.count()).toBe(2);
    admin.once('dialog', (dialog) => void dialog.accept());
    await revisions.nth(1).getByRole('button', { name: 'Restore this version' }).click();
    await admin.getByText('Restored. It goes live on the site at the next publish.').waitFor();
    await expect.poll(() => revisions.count()).toBe(3);
    expect(await revisions.first().textContent()).toContain('restored an earlier version');

    await manager.reload();
    await manager.locator('.ngo-provided-preview strong', { hasText: 'stand up' }).waitFor();

    // The export step writes what is saved now, for the next build.
    const dir = await mkdtemp(join(tmpdir(), 'jumo-e2e-export-'));
    try {
      await runExporters(db, dir, EXPORTERS);
      const line = (await readFile(join(dir, 'profiles.jsonl'), 'utf8'))
        .split('\n')
        .find((l) => l.includes(`"ngoId":"${NGO}"`));
      const exported = JSON.parse(line!);
      expect(exported).toMatchObject({
        ngoId: NGO,
        website: 'https://disabilityaction.org/',
        social: { facebook: 'https://www.facebook.com/disabilityactionni' },
        languages: ['en', 'ga'],
        yearFounded: 1962,
        logo: logoSrc!.replace('/api/', ''),
      });
      expect(exported.missionHtml).toContain('<strong>stand up</strong>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
