// Regenerates public/_headers from functions/security-headers.ts (the unit test fails when they differ).
// Run: node_modules/.bin/node functions/write-headers-file.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderHeadersFile } from './security-headers.ts';

const target = fileURLToPath(new URL('../public/_headers', import.meta.url));
writeFileSync(target, renderHeadersFile());
console.log(`wrote ${target}`);
