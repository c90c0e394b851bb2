import { describe, expect, it } from 'vitest';
import { formatMonth, normaliseWebsite, parseAmount, parseDayMonthYear, slugify } from './fields.ts';

describe('slugify', () => {
  it('joins the readable name and the registry number', () => {
    expect(slugify('Cancer Lifeline', '100002')).toBe('cancer-lifeline-100002');
    expect(slugify('US-Japan Relationship Fund Inc', '010674736')).toBe('us-japan-relationship-fund-010674736');
  });

  it('folds accents to ASCII and drops apostrophes', () => {
    expect(slugify('Cumann Cultúrtha Mhic Reachtain', '100507')).toBe('cumann-culturtha-mhic-reachtain-100507');
    expect(slugify("Children's Straße & Co", '1')).toBe('childrens-strasse-and-co-1');
  });

  it('cuts long names at a word boundary', () => {
    const slug = slugify(
      'Downpatrick Kilmore and Inch Christ Church Kilmore Down and Dromore Church of Ireland Parish',
      '101234',
    );
    expect(slug).toBe('downpatrick-kilmore-and-inch-christ-church-kilmore-down-and-dromore-101234');
    expect(slug.length).toBeLessThanOrEqual(90);
  });

  it('still gives a slug for a name with no ASCII letters', () => {
    expect(slugify('日本', '010674736')).toBe('010674736');
  });
});

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
