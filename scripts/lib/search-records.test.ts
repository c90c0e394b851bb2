import { describe, expect, it } from 'vitest';
import type { Ngo } from '../../model/ngo.ts';
import { describeFilters, renderSearchRecord } from './search-records.ts';

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

  it('weights the escaped name above the first sentence and leaves the figures out', () => {
    const html = renderSearchRecord(ngo);
    expect(html).toContain('<h1 data-pagefind-weight="10">US-Japan &#60;Relationship&#62; Fund</h1>');
    expect(html).toContain('<p data-pagefind-weight="0.5">US-Japan Relationship Fund is a charity based in Japan.</p>');
    expect(html).toContain('International development, Education');
    expect(html).not.toContain('$1,234</p>');
    expect(html).toContain(
      'data-pagefind-meta="summary:US-Japan Relationship Fund is a charity based in Japan. It reported revenue of $1,234 in 2023."',
    );
    expect(html).toContain('<span data-pagefind-filter="place-KR:yes"></span>');
    expect(html).not.toContain('data-pagefind-sort');
  });
});
