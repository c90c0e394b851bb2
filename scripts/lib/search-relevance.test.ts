import { describe, expect, it } from 'vitest';
import type { Ngo } from '../../model/ngo.ts';
import { isRightAnswer, JUDGED_QUERIES, scoreQuery, summariseScores } from './search-relevance.ts';

const base: Ngo = {
  id: 'US-EIN-208262614',
  slug: 'police-activity-league-of-waterbury-208262614',
  name: 'Police Activity League of Waterbury',
  summary: 'Police Activity League of Waterbury is a charity based in Waterbury, Connecticut.',
  causes: ['youth'],
  location: { country: 'US', region: 'US-CT', city: 'Waterbury' },
};
const judgeOf = (query: string) => JUDGED_QUERIES.find((q) => q.query === query)!.judge;

describe('judged queries', () => {
  it('answers "water" by the purpose as whole words, never by a place that starts with it', () => {
    expect(isRightAnswer(judgeOf('water'), base)).toBe(false);
    const wells = { ...base, name: 'Wells for Africa', ownWords: { text: 'Clean water for villages.', source: 'x' } };
    expect(isRightAnswer(judgeOf('water'), wells)).toBe(true);
    expect(isRightAnswer(judgeOf('clean water'), wells)).toBe(true);
  });

  it('takes classification codes and UK-CAT tags as the purpose too', () => {
    const pantry = {
      ...base,
      classification: { scheme: 'NTEE' as const, code: 'K31', label: 'Food Banks & Pantries' },
    };
    expect(isRightAnswer(judgeOf('foodbank'), pantry)).toBe(true);
    expect(isRightAnswer(judgeOf('hunger'), pantry)).toBe(true);
    const tagged = { ...base, tags: [{ scheme: 'UK-CAT' as const, code: 'CC101', label: 'Nursery' }] };
    expect(isRightAnswer(judgeOf('childcare'), tagged)).toBe(true);
  });

  it('needs both the purpose and the place for "refugees london"', () => {
    const refugees = { ...base, ownWords: { text: 'Advice for refugees and asylum seekers.', source: 'x' } };
    expect(isRightAnswer(judgeOf('refugees london'), refugees)).toBe(false);
    const inLondon = { ...refugees, location: { country: 'GB', region: 'GB-ENG', city: 'London' } };
    expect(isRightAnswer(judgeOf('refugees london'), inLondon)).toBe(true);
    expect(isRightAnswer(judgeOf('refugees london'), { ...inLondon, ownWords: undefined })).toBe(false);
  });

  it('answers a place query by the location alone', () => {
    expect(
      isRightAnswer(judgeOf('belfast'), { ...base, location: { country: 'GB', region: 'GB-NIR', city: 'Belfast' } }),
    ).toBe(true);
    expect(isRightAnswer(judgeOf('belfast'), { ...base, name: 'Friends of Belfast' })).toBe(false);
  });

  it('includes the examples of issue 12', () => {
    const queries = JUDGED_QUERIES.map((q) => q.query);
    for (const q of [
      'clean water',
      'water',
      'food bank',
      'foodbank',
      'child care',
      'childcare',
      'hunger',
      'refugees london',
    ])
      expect(queries).toContain(q);
  });
});

describe('scores', () => {
  it('computes precision of the top 5 over what is possible, and the share of right answers found', () => {
    const right = new Set(['/a/', '/b/', '/c/']);
    const score = scoreQuery('q', right, ['/a/', '/x/', '/b/', '/y/', '/z/', '/c/']);
    expect(score).toEqual({ query: 'q', rightAnswers: 3, found: 6, rightInTop5: 2, precisionAt5: 2 / 3, recall: 1 });
    expect(scoreQuery('q', new Set(), []).precisionAt5).toBe(0);
  });

  it('averages over the queries with right answers and counts those that find nothing', () => {
    const scores = [
      scoreQuery('a', new Set(['/1/']), ['/1/']),
      scoreQuery('b', new Set(['/2/']), []),
      scoreQuery('c', new Set(), ['/3/']),
    ];
    expect(summariseScores(scores)).toEqual({ judged: 2, meanPrecisionAt5: 0.5, meanRecall: 0.5, findNothing: 1 });
  });
});
