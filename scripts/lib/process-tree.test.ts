import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readTreeRss } from './process-tree.ts';

describe('readTreeRss', () => {
  it('counts a child process that holds memory, and nothing for a dead pid', async () => {
    // The child allocates ~200 MB, says so, and keeps it until killed. Waiting for its word
    // rather than a fixed delay: on a loaded machine the allocation can take over a second.
    const child = spawn(process.execPath, [
      '-e',
      'const b = Buffer.alloc(2e8, 1); console.log("ready"); setInterval(() => b[0]++, 50)',
    ]);
    await new Promise((r) => child.stdout.once('data', r));
    const withChild = readTreeRss(process.pid);
    const childOnly = readTreeRss(child.pid!);
    child.kill();
    await new Promise((r) => child.on('exit', r));
    expect(childOnly).toBeGreaterThan(2e8);
    expect(withChild).toBeGreaterThan(childOnly);
    expect(readTreeRss(child.pid!)).toBe(0);
  });
});
