import { describe, expect, it } from 'vitest';
import { formatMonth, normaliseWebsite, parseAmount, parseDayMonthYear } from './fields.ts';

describe('normaliseWebsite', () => {
  it.each([
    ['www.cancerlifeline.info', 'https://www.cancerlifeline.info/'],
    ['http://WWW.Example.ORG/About', 'https://www.example.org/About'],
    ['https://example.org/page?x=1#top', 'https://example.org/page?x=1'],
    ['  example.co.uk.  ', 'https://example.co.uk/'],
  ])('%j -> %j', (raw, expected) => {
    expect(normaliseWebsite(raw)).toBe(expected);
  });

  it.each([
    '',
    'n/a',
    'none at present',
    'info@example.org',
    'www.@universityofatypical.org',
    '9',
    'bt42 1jw',
    'facebook page only',
    'localhost',
  ])('omits %j', (raw) => {
    expect(normaliseWebsite(raw)).toBeUndefined();
  });
});

describe('parseAmount', () => {
  it('tells empty, whole, negative and garbled numbers apart', () => {
    expect(parseAmount('')).toEqual({ kind: 'empty' });
    expect(parseAmount(' 346770 ')).toEqual({ kind: 'ok', value: 346770 });
    expect(parseAmount('-10742')).toEqual({ kind: 'negative', value: -10742 });
    expect(parseAmount('63O662')).toEqual({ kind: 'bad', raw: '63O662' });
    expect(parseAmount('1.5')).toEqual({ kind: 'bad', raw: '1.5' });
  });
});

describe('dates', () => {
  it('reads the NI financial year end and prints months in English', () => {
    expect(parseDayMonthYear('31 March 2019')).toBe('2019-03');
    expect(parseDayMonthYear('15 April 2019')).toBe('2019-04');
    expect(parseDayMonthYear('sometime')).toBeUndefined();
    expect(formatMonth('2023-12')).toBe('December 2023');
  });
});
