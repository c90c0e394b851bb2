import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_ENDPOINTS } from '../../model/api/index.ts';
import { decodeEntities, ensureBuilt, fileFor, readRecords } from './built-site.ts';

/**
 * /developers/: the API reference, pre-rendered from the contracts. Each operation is on it
 * with its summary, the document it is made from is linked, and the footer and /about/ lead to it.
 */

let page: string;
let text: string;

beforeAll(async () => {
  ensureBuilt(await readRecords());
  page = readFileSync(fileFor('/developers/'), 'utf8');
  text = decodeEntities(page.replace(/<[^>]+>/g, ''));
});

describe('/developers/', () => {
  it('lists every operation of the API with its summary, under an anchor named after it', () => {
    const missing = Object.entries(API_ENDPOINTS).filter(
      ([name, endpoint]) =>
        !page.includes(`id="${name}"`) ||
        !text.includes(`${endpoint.method.toUpperCase()} /api${endpoint.path}`) ||
        !text.includes(endpoint.summary.replace(/`/g, '')),
    );
    expect(missing.map(([name]) => name)).toEqual([]);
  });

  it('says how to authenticate, the limits, CORS, versioning and errors, and links the OpenAPI document', () => {
    for (const id of ['versioning', 'authentication', 'limits', 'cors', 'errors', 'reference']) {
      expect(page).toContain(`id="${id}"`);
    }
    expect(page).toContain('href="/api/openapi.json"');
    expect(text).toContain('/api/v1/');
    expect(text).toContain('Retry-After');
  });

  it('is linked from the footer of every page and from /about/', () => {
    expect(readFileSync(fileFor('/'), 'utf8')).toContain('href="/developers/"');
    expect(readFileSync(fileFor('/about/'), 'utf8')).toContain('href="/developers/"');
  });

  it('stays small', () => {
    expect(Buffer.byteLength(page)).toBeLessThan(300_000);
  });
});
