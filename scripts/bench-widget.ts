import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * What a widget costs an NGO's visitors (issue 13: ≤ 10 KB gzipped for the script on their
 * pages): public/widget.js as built, and what its frame loads, /embed/ngo/'s HTML and every
 * script module it imports statically (what the browser fetches before the widget shows).
 */
export async function measureWidgetWeight(dir = 'dist/client') {
  const loader = gzipSync(await readFile(join(dir, 'widget.js'))).length;
  const html = await readFile(join(dir, 'embed', 'ngo', 'index.html'), 'utf8');
  let frameJs = 0;
  const seen = new Set<string>();
  const pending = [...html.matchAll(/<script[^>]*src="(\/[^"]+)"/g)].map((m) => m[1]!);
  while (pending.length) {
    const src = pending.pop()!;
    if (seen.has(src)) continue;
    seen.add(src);
    const code = await readFile(join(dir, src), 'utf8');
    frameJs += gzipSync(code).length;
    for (const m of code.matchAll(/\bfrom\s*["'](\.\/[^"']+)["']/g))
      pending.push(posix.join(posix.dirname(src), m[1]!));
  }
  return {
    loaderGzipBytes: loader,
    frameHtmlGzipBytes: gzipSync(html).length,
    frameJsGzipBytes: frameJs,
    modules: seen.size,
  };
}
