import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchChromium } from '../scripts/lib/chromium.ts';

/** One Chromium per test file; each test gets a fresh context (no shared cookies or cache). */
export function useBrowser() {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    baseUrl,
    /** `base`: another server than the shared one (e.g. one with a Facebook app configured). */
    async newPage(base: string = baseUrl): Promise<Page> {
      const context = await browser.newContext({ baseURL: base });
      return context.newPage();
    },
  };
}
