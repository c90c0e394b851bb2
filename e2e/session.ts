import type { Page } from 'playwright-core';

/** Demo sign-in from a page of the site (same origin, as the header menu does); returns the user id. */
export async function signIn(page: Page, name: string): Promise<string> {
  await page.goto('/about/');
  return page.evaluate(async (n) => {
    const response = await fetch('/api/auth/demo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: n }),
    });
    return ((await response.json()) as { user: { id: string } }).user.id;
  }, name);
}

/** A call from the page, as its islands make them (same origin, session cookie). */
export function callFromPage(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; data: any }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, data: await response.json() };
    },
    { method, path, body },
  );
}
