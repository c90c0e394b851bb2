import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ngo } from '../../model/ngo.ts';
import { DIST, ensureBuilt, fileFor, readRecords } from './built-site.ts';
import { listPageTypes, sampleNgosByRegister } from './page-types.ts';

/**
 * The Nu HTML Checker (vnu-jar, the W3C validator's engine) over every page type of the built
 * site and a sample of NGO pages from each register. One Java run for all files: starting the
 * JVM costs more than checking a page. Needs Java (`apt-get install default-jre-headless`;
 * .ci/run installs it).
 */

const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar'));

type VnuMessage = { type: string; subType?: string; url: string; message: string; lastLine?: number; extract?: string };

let records: Ngo[] = [];
let files: string[] = [];

beforeAll(async () => {
  records = await readRecords();
  ensureBuilt(records);
  const paths = (await listPageTypes(records)).map((t) => t.path);
  for (const ngos of sampleNgosByRegister(records, 5).values()) paths.push(...ngos.map((n) => `/ngos/${n.slug}/`));
  files = [...new Set(paths.map(fileFor))];
}, 120_000);

describe('the Nu HTML Checker', () => {
  it('finds no error on any page type, nor on NGO pages from each register', async () => {
    // vnu exits 1 when it reports errors; its JSON report is on stderr either way.
    const { stderr } = await promisify(execFile)('java', ['-jar', VNU_JAR, '--format', 'json', ...files], {
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stderr?: string; code?: unknown }) => {
      if (typeof error.stderr !== 'string' || !error.stderr.startsWith('{')) throw error;
      return { stderr: error.stderr };
    });
    const { messages } = JSON.parse(stderr) as { messages: VnuMessage[] };
    const errors = messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error')
      .map(
        (m) =>
          `${m.url.replace(pathToFileURL(resolve(DIST)).href, '')}:${m.lastLine ?? '?'}: ${m.message} [${m.extract ?? ''}]`,
      );
    expect(errors).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(20);
  }, 180_000);
});
