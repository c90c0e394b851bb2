import { describe, expect, it } from 'vitest';
import type { Ngo } from '../../model/ngo.ts';
import {
  describeFilters,
  describePlaces,
  describePurpose,
  dropStopWords,
  renderSearchRecord,
  toPlainText,
} from './search-records.ts';

const ngo: Ngo = {
  id: 'US-EIN-010674736',
  slug: 'us-japan-relationship-fund-010674736',
  name: 'US-Japan <Relationship> Fund',
  summary: 'US-Japan Relationship Fund is a charity based in Japan. It reported revenue of $1,234 in 2023.',
  causes: ['international', 'education'],
  location: { country: 'JP' },
  countriesServed: ['JP', 'KR'],
  registry: {
    name: 'IRS Exempt Organizations Business Master File',
    number: '010674736',
    url: 'https://apps.irs.gov/app/eos/details/?ein=010674736',
  },
};

describe('search records', () => {
  it('filters on every cause and every place, one filter per value', () => {
    expect(describeFilters(ngo)).toEqual(['cause-international', 'cause-education', 'place-JP', 'place-KR']);
    expect(
      describeFilters({ ...ngo, location: { country: 'US', region: 'US-AK' }, countriesServed: undefined }),
    ).toEqual(['cause-international', 'cause-education', 'place-US', 'place-US-AK']);
  });

  it('weights the escaped name above the place and causes, and leaves the summary to the metadata', () => {
    const html = renderSearchRecord(ngo);
    expect(html).toContain('<h1 data-pagefind-weight="10">US-Japan &#60;Relationship&#62; Fund</h1>');
    expect(html).toContain('<p data-pagefind-weight="0.5">Japan</p>');
    expect(html).toContain('<p data-pagefind-weight="0.5">International development, Education</p>');
    expect(html).not.toContain('$1,234</p>');
    expect(html).not.toContain('is a charity based in Japan.</p>');
    expect(html).toContain(
      'data-pagefind-meta="summary:US-Japan Relationship Fund is a charity based in Japan. It reported revenue of $1,234 in 2023."',
    );
    expect(html).toContain('<span data-pagefind-filter="place-KR:yes"></span>');
    expect(html).not.toContain('data-pagefind-sort');
  });

  it('names the place from the city down to the region, or the country without one', () => {
    const bristol = { ...ngo, location: { country: 'GB', region: 'GB-ENG', area: 'GB-ENG-SW', city: 'Bristol' } };
    expect(describePlaces(bristol)).toBe('Bristol, South West England, England');
    expect(describePlaces({ ...ngo, location: { country: 'KE', city: 'Nairobi' } })).toBe('Nairobi, Kenya');
    expect(
      describePlaces({ ...ngo, location: { country: 'GB', region: 'GB-ENG', area: 'GB-ENG-LON', city: 'London' } }),
    ).toBe('London, England');
  });

  it('indexes the purpose: own words, classification, tags, NI categories and the profile mission', () => {
    const uk: Ngo = {
      ...ngo,
      name: 'Larne Foodbank',
      ownWords: { text: 'Emergency food parcels for families\n in crisis.', source: 'its register entry' },
      tags: [{ scheme: 'UK-CAT', code: 'SW301', label: 'Food banks' }],
      activities: ['Relief of poverty'],
      beneficiaries: ['Asylum seekers/refugees'],
      classification: { scheme: 'NTEE', code: 'K31', label: 'Food Banks & Pantries' },
    };
    const html = renderSearchRecord(uk, { mission: 'We end **hunger** in [Larne](https://example.org/).' });
    expect(html).toContain('<h1 data-pagefind-weight="10">Larne Foodbank</h1>');
    expect(html).toContain(
      '<p data-pagefind-weight="0.5">Food Banks &#38; Pantries, Food banks, Relief of poverty, Asylum seekers/refugees</p>',
    );
    // Without the words every text has ("for", "in", "we"): they only make the index larger.
    expect(html).toContain(
      '<p data-pagefind-weight="0.5">Emergency food parcels families crisis. end hunger Larne.</p>',
    );
    // Both spellings, so "food bank" and "foodbank" each find it.
    expect(html).toContain('<p data-pagefind-weight="0.5">food bank, foodbank</p>');
    expect(html).not.toContain('example.org');
  });

  it('cuts long own words at a word boundary, and indexes no empty paragraph', () => {
    const long = { ...ngo, ownWords: { text: `${'water '.repeat(200)}end`, source: 'its register entry' } };
    const { ownWords } = describePurpose(long);
    expect(ownWords.length).toBeLessThanOrEqual(600);
    expect(ownWords).toMatch(/water…$/);
    expect(renderSearchRecord(ngo)).not.toMatch(/<p[^>]*><\/p>/);
  });

  it('drops only the stop words, whatever their case and punctuation', () => {
    expect(dropStopWords('The Trust is for the Relief of poverty, and of sickness.')).toBe(
      'Trust Relief poverty, sickness.',
    );
  });

  it('reads a Markdown mission as plain words', () => {
    expect(
      toPlainText('# Our *mission*\n\n> Clean [water](https://x.org/a) for all ![logo](l.png) https://y.org'),
    ).toBe('Our mission Clean water for all logo');
  });
});
