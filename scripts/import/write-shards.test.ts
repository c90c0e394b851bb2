import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getShardName, serialiseShards, writeShards } from './write-shards.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jumo-shards-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('shards', () => {
  it('names shards by registry and first EIN digit', () => {
    expect(getShardName('GB-NIC-100002')).toBe('gb-nic.jsonl');
    expect(getShardName('US-EIN-010674736')).toBe('us-ein-0.jsonl');
    expect(getShardName('US-EIN-980158695')).toBe('us-ein-9.jsonl');
  });

  it('sorts lines by id within each shard and ends every shard with a newline', () => {
    const shards = serialiseShards([
      { id: 'US-EIN-020000000', json: '{"id":"US-EIN-020000000"}' },
      { id: 'GB-NIC-100004', json: '{"id":"GB-NIC-100004"}' },
      { id: 'US-EIN-010000000', json: '{"id":"US-EIN-010000000"}' },
      { id: 'GB-NIC-100002', json: '{"id":"GB-NIC-100002"}' },
    ]);
    expect([...shards.keys()]).toEqual(['gb-nic.jsonl', 'us-ein-0.jsonl']);
    expect(shards.get('gb-nic.jsonl')).toBe('{"id":"GB-NIC-100002"}\n{"id":"GB-NIC-100004"}\n');
    expect(shards.get('us-ein-0.jsonl')).toBe('{"id":"US-EIN-010000000"}\n{"id":"US-EIN-020000000"}\n');
  });

  it('replaces the directory content and removes shards no longer produced', async () => {
    await writeFile(join(dir, 'us-ein-5.jsonl'), 'old\n');
    await writeFile(join(dir, 'notes.txt'), 'not a shard\n');
    await writeShards(dir, new Map([['gb-nic.jsonl', 'new\n']]));
    expect((await readdir(dir)).sort()).toEqual(['gb-nic.jsonl', 'notes.txt']);
    expect(await readFile(join(dir, 'gb-nic.jsonl'), 'utf8')).toBe('new\n');
  });

  it('leaves the previous shards untouched and no temp files behind when a write fails', async () => {
    await writeFile(join(dir, 'gb-nic.jsonl'), 'previous\n');
    await writeFile(join(dir, 'us-ein-0.jsonl'), 'previous\n');
    // A directory where the second temp file should go makes that write fail.
    await mkdir(join(dir, `.us-ein-0.jsonl.tmp-${process.pid}`));
    const shards = new Map([
      ['gb-nic.jsonl', 'new\n'],
      ['us-ein-0.jsonl', 'new\n'],
    ]);
    await expect(writeShards(dir, shards)).rejects.toThrow();
    expect(await readFile(join(dir, 'gb-nic.jsonl'), 'utf8')).toBe('previous\n');
    expect(await readFile(join(dir, 'us-ein-0.jsonl'), 'utf8')).toBe('previous\n');
    expect((await readdir(dir)).filter((name) => name.startsWith('.') && !name.includes('us-ein-0'))).toEqual([]);
  });
});
