import { describe, expect, it } from 'vitest';
import { addAlternativeSpellings, SPELLING_GROUPS } from './search-spellings.ts';

describe('addAlternativeSpellings', () => {
  it('adds the closed spelling to a text with the open one, and the other way round', () => {
    expect(addAlternativeSpellings('We run a food bank in Larne')).toBe('food bank, foodbank');
    expect(addAlternativeSpellings('Larne Foodbank')).toBe('food bank, foodbank');
    expect(addAlternativeSpellings('after-school CHILDCARE')).toBe(
      'child care, childcare, child day care, after school, afterschool',
    );
  });

  it('takes hyphens and plurals, and phrases that mean the same (NTEE "Child Day Care")', () => {
    expect(addAlternativeSpellings('Food-banks and pantries')).toBe('food bank, foodbank');
    expect(addAlternativeSpellings('Child Day Care')).toContain('childcare');
    expect(addAlternativeSpellings('promotes well-being')).toBe('well being, wellbeing');
  });

  it('leaves words that only start the same alone', () => {
    expect(addAlternativeSpellings('Food banking services')).toBe('');
    expect(addAlternativeSpellings('Playgroundsupplies and healthcareers')).toBe('');
    expect(addAlternativeSpellings('Police Activity League of Waterbury')).toBe('');
  });

  it('has groups of at least two different spellings, each lower-case words', () => {
    for (const group of SPELLING_GROUPS) {
      expect(new Set(group).size).toBe(group.length);
      expect(group.length).toBeGreaterThanOrEqual(2);
      for (const spelling of group) expect(spelling).toMatch(/^[a-z]+( [a-z]+)*$/);
    }
  });
});
