import { describe, expect, it } from 'vitest';
import { CAUSES } from '../model/causes.ts';
import { getCauseOgImage } from '../src/lib/seo.ts';
import { decodeEntities } from '../test/site/built-site.ts';
import { renderCauseCard } from './og-images.ts';

/** The words a reader sees, in order, without case or punctuation. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9&]+/)
    .filter(Boolean);
}

describe('cause social cards', () => {
  it('have alt text that reads every word the card shows, in order', () => {
    for (const cause of CAUSES) {
      const body = renderCauseCard(cause).replace(/^[\s\S]*<body>/, '');
      const shown = decodeEntities(body.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' '));
      const image = getCauseOgImage(cause.id);
      expect(image.path).toBe(`/og/causes/${cause.id}.png`);
      expect(wordsOf(image.alt)).toEqual(wordsOf(shown));
    }
  });

  it('fall back to the site card, with its own alt text, for no cause or an unknown one', () => {
    for (const id of [undefined, 'no-such-cause']) {
      const image = getCauseOgImage(id);
      expect(image.path).toBe('/og/default.png');
      expect(image.alt).toMatch(/^Jumo: Find the NGOs behind the causes you care about\./);
    }
  });
});
