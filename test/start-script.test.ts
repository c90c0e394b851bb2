import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` with a DATABASE_URL whose file cannot exist: it must stop at once with a message
 * naming DATABASE_URL and the reason, not hang nor serve a site whose API is down for good.
 * These checks come before the build, so the tests need no dist/.
 */
const SCRIPT = resolve(import.meta.dirname, '../scripts/start.ts');
const dir = mkdtempSync(join(tmpdir(), 'jumo-start-'));
const regularFile = join(dir, 'a-file');
writeFileSync(regularFile, 'x');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Outcome = { code: number | null; signal: NodeJS.Signals | null; stderr: string };

function start(databaseUrl: string): Promise<Outcome> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [SCRIPT],
      // Generous: the machine running the tests is shared; a hang is killed and shows as SIGTERM.
      { env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, PORT: '0' }, timeout: 45_000 },
      (error, _stdout, stderr) => {
        const failure = error as (Error & { code?: number | string; signal?: NodeJS.Signals | null }) | null;
        done({
          code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
          signal: failure?.signal ?? null,
          stderr,
        });
      },
    );
  });
}

describe('npm start with an impossible DATABASE_URL', () => {
  it.each([
    ['a directory the kernel refuses to create (/proc)', 'file:/proc/jumo-x/y.db', '/proc/jumo-x'],
    ['a directory inside a regular file', `file:${regularFile}/sub/jumo.db`, regularFile],
  ])(
    'exits non-zero at once for %s, naming DATABASE_URL and the reason',
    async (_label, url, shown) => {
      const outcome = await start(url);
      expect(outcome.signal, 'start-up hung').toBeNull();
      expect(outcome.code).not.toBe(0);
      expect(outcome.code).not.toBeNull();
      expect(outcome.stderr).toContain(`DATABASE_URL=${url}`);
      expect(outcome.stderr).toContain(shown);
      expect(outcome.stderr).toMatch(/ENOENT|ENOTDIR|EEXIST|EACCES|EROFS|not a directory/i);
    },
    60_000,
  );
});
