import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDeployProblems, MAX_FILE_BYTES, MAX_FILES, measureTree } from './deploy-limits.ts';

describe('deploy limits', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('counts files and bytes recursively and finds the largest', async () => {
    dir = await mkdtemp(join(tmpdir(), 'jumo-deploy-'));
    await mkdir(join(dir, 'a/b'), { recursive: true });
    await writeFile(join(dir, 'one.html'), 'x'.repeat(10));
    await writeFile(join(dir, 'a/b/two.html'), 'y'.repeat(30));
    const stats = await measureTree(dir);
    expect(stats.files).toBe(2);
    expect(stats.bytes).toBe(40);
    expect(stats.largest).toEqual({ path: join(dir, 'a/b/two.html'), bytes: 30 });
    expect(findDeployProblems(stats)).toEqual([]);
  });

  it('reports too many files and too large a file', () => {
    const problems = findDeployProblems({
      files: MAX_FILES + 1,
      htmlFiles: 0,
      bytes: 1,
      largest: { path: 'dist/big.bin', bytes: MAX_FILE_BYTES + 1 },
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain(String(MAX_FILES + 1));
    expect(problems[1]).toContain('dist/big.bin');
  });
});
