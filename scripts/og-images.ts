import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CAUSES, type Cause } from '../model/causes.ts';
import { launchChromium } from './lib/chromium.ts';
import { escapeHtml } from '../model/escape-html.ts';
import { CAUSE_CARD_CALL } from '../src/lib/seo.ts';

/**
 * `node scripts/og-images.ts`: one 1200×630 social card per cause in public/og/causes/<id>.png
 * (committed), screenshots of an HTML card in Debian's Chromium, in the style of
 * public/og/default.png. Cause pages and NGO pages (their first cause) use them.
 * Rerun when the cause taxonomy (model/causes.ts) changes.
 */

export const OG_CAUSES_DIR = 'public/og/causes';

export function renderCauseCard(cause: Cause): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
  html, body { margin: 0; width: 1200px; height: 630px; overflow: hidden; }
  body { background: #fbf7f1; color: #1f1b16; font-family: "DejaVu Sans", system-ui, sans-serif; position: relative; }
  .brand { position: absolute; left: 96px; top: 84px; display: flex; align-items: center; gap: 22px; font-size: 56px; font-weight: 800; letter-spacing: -1px; }
  .text { position: absolute; left: 96px; right: 120px; top: 206px; bottom: 60px; display: flex; flex-direction: column; justify-content: center; gap: 22px; }
  .eyebrow { font-size: 28px; font-weight: 700; color: #24613f; text-transform: uppercase; letter-spacing: 2px; }
  h1 { margin: 0; font-size: ${cause.name.length > 24 ? 66 : 84}px; line-height: 1.05; font-weight: 800; letter-spacing: -1.5px; }
  p { margin: 0; font-size: 31px; line-height: 1.3; color: #5b5248; }
  .bar { position: absolute; left: 0; right: 0; bottom: 0; height: 18px; display: flex; }
  .bar i { flex: 1; background: #a3401b; } .bar i + i { background: #24613f; }
  </style></head><body>
  <div class="brand"><svg width="92" height="64" viewBox="0 0 92 64"><circle cx="32" cy="32" r="30" fill="#a3401b"/><circle cx="60" cy="32" r="30" fill="#24613f" fill-opacity=".85"/></svg>Jumo</div>
  <div class="text"><div class="eyebrow">Cause</div>
  <h1>${escapeHtml(cause.name)}</h1>
  <p>${escapeHtml(cause.blurb)} ${escapeHtml(CAUSE_CARD_CALL)}</p></div>
  <div class="bar"><i></i><i></i></div>
  </body></html>`;
}

export async function writeCauseCards(outDir = OG_CAUSES_DIR): Promise<number> {
  await mkdir(outDir, { recursive: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 630 }, deviceScaleFactor: 1 });
    for (const cause of CAUSES) {
      await page.setContent(renderCauseCard(cause), { waitUntil: 'load' });
      await writeFile(join(outDir, `${cause.id}.png`), await page.screenshot({ type: 'png' }));
    }
  } finally {
    await browser.close();
  }
  return CAUSES.length;
}

if (import.meta.main) {
  const count = await writeCauseCards();
  console.log(`[jumo] wrote ${count} cause cards to ${OG_CAUSES_DIR}`);
}
