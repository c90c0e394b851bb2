import { describe, expect, it } from 'vitest';
import {
  isEmptyState,
  rankResults,
  sortResults,
  readSearchState,
  toPagefindOptions,
  writeSearchState,
} from './search-state.ts';

describe('search state in the URL', () => {
  it('round-trips query, filters and sort', () => {
    const state = readSearchState(new URLSearchParams('q=clean+water&cause=health&place=us-ak&sort=income'));
    expect(state).toEqual({ q: 'clean water', cause: 'health', place: 'US-AK', sort: 'income' });
    expect(writeSearchState(state)).toBe('?q=clean+water&cause=health&place=US-AK&sort=income');
    expect(readSearchState(new URLSearchParams(writeSearchState(state)))).toEqual(state);
  });

  it('drops unknown sorts and implausible codes', () => {
    const state = readSearchState(new URLSearchParams('sort=random&cause=<script>&place=a%20b'));
    expect(state).toEqual({ q: '', cause: '', place: '', sort: 'relevance' });
    expect(writeSearchState(state)).toBe('');
    expect(isEmptyState(state)).toBe(true);
  });

  it('maps state to Pagefind filters and sort', () => {
    expect(toPagefindOptions(readSearchState(new URLSearchParams('cause=youth&sort=name')))).toEqual({
      filters: { 'cause-youth': 'yes' },
    });
    expect(toPagefindOptions(readSearchState(new URLSearchParams('q=x&place=gb-nir')))).toEqual({
      filters: { 'place-GB-NIR': 'yes' },
    });
  });

  it('orders results by the name or income ranks', () => {
    const sorts = { ids: ['en_a', 'en_b', 'en_c'], income: [2, 0, 1] };
    const results = [{ id: 'en_b' }, { id: 'en_x' }, { id: 'en_c' }, { id: 'en_a' }];
    expect(sortResults(results, rankResults(sorts, 'name')).map((r) => r.id)).toEqual(['en_a', 'en_b', 'en_c', 'en_x']);
    expect(sortResults(results, rankResults(sorts, 'income')).map((r) => r.id)).toEqual([
      'en_c',
      'en_a',
      'en_b',
      'en_x',
    ]);
  });
});
