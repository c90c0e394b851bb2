import { describe, expect, it } from 'vitest';
import { toNgoSlug } from './slug.ts';

describe('toNgoSlug', () => {
  it('joins the readable name and the tail', () => {
    expect(toNgoSlug('Cancer Lifeline', '100002')).toBe('cancer-lifeline-100002');
    expect(toNgoSlug('US-Japan Relationship Fund Inc', '010674736')).toBe('us-japan-relationship-fund-010674736');
  });

  it('folds accents and letters NFKD keeps to ASCII, and drops apostrophes', () => {
    expect(toNgoSlug('Cumann Cultúrtha Mhic Reachtain', '100507')).toBe('cumann-culturtha-mhic-reachtain-100507');
    expect(toNgoSlug("Children's Straße & Co", '1')).toBe('childrens-strasse-and-co-1');
    expect(toNgoSlug('Les Restos du Cœur', 'FR-RCS-512788308')).toBe('les-restos-du-coeur-fr-rcs-512788308');
    expect(toNgoSlug('Łódź Børn', 'PL-KRS-1')).toBe('lodz-born-pl-krs-1');
  });

  it('cuts long names at a word boundary and stays within 90 characters', () => {
    const slug = toNgoSlug(
      'Downpatrick Kilmore and Inch Christ Church Kilmore Down and Dromore Church of Ireland Parish',
      '101234',
    );
    expect(slug).toBe('downpatrick-kilmore-and-inch-christ-church-kilmore-down-and-dromore-101234');
    const longTail = toNgoSlug('A Very Long Organisation Name '.repeat(5), 'XX-JUMO-'.padEnd(40, 'K'));
    expect(longTail.length).toBeLessThanOrEqual(90);
    expect(longTail.endsWith('-xx-jumo-kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk')).toBe(true);
  });

  it('still gives a slug for a name with no ASCII letters', () => {
    expect(toNgoSlug('日本', '010674736')).toBe('010674736');
  });
});
