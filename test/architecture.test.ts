import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of docs/architecture.md live in eslint.config.js and run in `npm run check`.
// These cases prove a forbidden arrow fails the check (and an allowed one does not), by
// linting a one-line module placed, virtually, in each part.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function findBoundaryErrors(filePath: string, importPath: string): Promise<string[]> {
  const code = `import * as target from '${importPath}';\nexport const used = target;\n`;
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

const FORBIDDEN: [from: string, to: string][] = [
  ['src/lib/probe.ts', '../../functions/app.ts'],
  ['src/pages/probe.ts', '../../db/client.ts'],
  ['functions/routes/probe.ts', '../../src/lib/format.ts'],
  ['db/probe.ts', '../functions/app.ts'],
  ['db/probe.ts', '../src/lib/format.ts'],
  ['scripts/import/probe.ts', '../../functions/app.ts'],
  ['scripts/import/probe.ts', '../../db/client.ts'],
  ['model/probe.ts', '../src/lib/format.ts'],
  ['model/probe.ts', '../functions/app.ts'],
  ['model/probe.ts', '../db/client.ts'],
  ['model/probe.ts', '../content/read-ngo-shards.ts'],
];

const ALLOWED: [from: string, to: string][] = [
  ['src/lib/probe.ts', '../../model/ngo.ts'],
  ['functions/routes/probe.ts', '../../db/client.ts'],
  ['functions/routes/probe.ts', '../../model/causes.ts'],
  ['db/probe.ts', '../model/ngo.ts'],
  ['scripts/import/probe.ts', '../../model/ngo.ts'],
  ['scripts/probe.ts', '../functions/node-server.ts'],
];

describe('layer boundaries (npm run check)', () => {
  it.each(FORBIDDEN)('refuses %s importing %s', async (from, to) => {
    expect(await findBoundaryErrors(from, to)).toHaveLength(1);
  });

  it.each(ALLOWED)('allows %s importing %s', async (from, to) => {
    expect(await findBoundaryErrors(from, to)).toEqual([]);
  });
});
