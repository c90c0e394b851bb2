import { describe, expect, it } from 'vitest';
import { findCountryCode, getCountryName, normaliseCountryKey } from './countries.ts';

describe('findCountryCode (IRS country names)', () => {
  it.each([
    ['JAPAN', 'JP'],
    ['UNITED KINGDOM', 'GB'],
    ['ENGLAND', 'GB'],
    ['REPUBLIC OF KOREA', 'KR'],
    ['SOUTH KOREA', 'KR'],
    ['BRITISH VIRGIN ISLANDS', 'VG'],
    ['VIRGIN ISLANDS', 'VI'],
    ['THE GAMBIA', 'GM'],
    ['THE BAHAMAS', 'BS'],
    ["COTE D'IVOIRE", 'CI'],
    ['ANTIGUA & BARBUDA', 'AG'],
    ['TRINIDAD AND TOBAGO', 'TT'],
    ['ST VINCENT & GRENADINE', 'VC'],
    ['HONG KONG', 'HK'],
    ['TURKEY', 'TR'],
    ['WEST GERMANY', 'DE'],
    ['FRANCE', 'FR'],
    ['BURMA', 'MM'],
    ['PUERTO RICO', 'PR'],
    ['GEORGIA', 'GE'],
  ])('%s -> %s', (name, code) => {
    expect(findCountryCode(name)).toBe(code);
  });

  it('never answers with a withdrawn or reserved code (UK, FX, EU)', () => {
    expect(findCountryCode('United Kingdom')).toBe('GB');
    expect(findCountryCode('France')).toBe('FR');
    expect(findCountryCode('European Union')).toBeUndefined();
  });

  it('gives undefined for names that are not countries', () => {
    expect(findCountryCode('EAST AFRICA')).toBeUndefined();
    expect(findCountryCode('AKROTIRI')).toBeUndefined();
    expect(findCountryCode('')).toBeUndefined();
  });

  it('normalises accents, ampersands, "Saint" and a leading "The"', () => {
    expect(normaliseCountryKey('São Tomé & Príncipe')).toBe('SAO TOME AND PRINCIPE');
    expect(normaliseCountryKey('The Saint Lucia.')).toBe('ST LUCIA');
  });

  it('names countries in English for summaries', () => {
    expect(getCountryName('JP')).toBe('Japan');
    expect(getCountryName('AS')).toBe('American Samoa');
  });
});
