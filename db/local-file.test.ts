import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureLocalDatabaseDirectory, localDatabaseDirectory } from './local-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'jumo-local-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ensureLocalDatabaseDirectory', () => {
  it('creates missing directories level by level, and accepts existing ones', async () => {
    const url = `file:${dir}/a/b/c/jumo.db?mode=rwc`;
    expect(localDatabaseDirectory(url)).toBe(`${dir}/a/b/c`);
    expect(await ensureLocalDatabaseDirectory(url)).toEqual({ ok: true });
    expect(statSync(join(dir, 'a', 'b', 'c')).isDirectory()).toBe(true);
    expect(await ensureLocalDatabaseDirectory(url)).toEqual({ ok: true });
  });

  it('has nothing to do for a file in the working directory or a remote database', async () => {
    expect(await ensureLocalDatabaseDirectory('file:jumo.db')).toEqual({ ok: true });
    expect(await ensureLocalDatabaseDirectory('libsql://jumo.example.turso.io')).toEqual({ ok: true });
  });

  it('reports, rather than loops on, a directory the kernel will not create (/proc)', async () => {
    const result = await ensureLocalDatabaseDirectory('file:/proc/jumo-x/y/z.db');
    expect(result).toMatchObject({ ok: false, directory: '/proc/jumo-x/y' });
  });

  it('reports a path through a regular file', async () => {
    const file = join(dir, 'plain');
    writeFileSync(file, 'x');
    expect(await ensureLocalDatabaseDirectory(`file:${file}/jumo.db`)).toEqual({
      ok: false,
      directory: file,
      reason: `${file} exists and is not a directory`,
    });
  });
});
