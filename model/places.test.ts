import { describe, expect, it } from 'vitest';
import { buildJoinedNgoRecord } from './joined-ngo.ts';
import {
  describeLocation,
  getBasePlaces,
  getCountryName,
  getPlaceName,
  getPlaceNameInText,
  getPlacePath,
} from './places.ts';

describe('places of countries the directory never had', () => {
  it('names every country from Intl, with readable names where CLDR is terse', () => {
    expect(getCountryName('FR')).toBe('France');
    expect(getCountryName('AQ')).toBe('Antarctica');
    expect(getCountryName('CD')).toBe('Democratic Republic of the Congo');
    expect(getCountryName('HK')).toBe('Hong Kong');
    expect(getPlaceName('mm')).toBe('Myanmar');
    expect(getPlaceNameInText('CD')).toBe('the Democratic Republic of the Congo');
    expect(getPlaceNameInText('PS')).toBe('the Palestinian Territories');
    expect(getPlaceNameInText('KE')).toBe('Kenya');
  });

  it('places a joined NGO from a new country on that country’s page', () => {
    const ngo = buildJoinedNgoRecord({
      ngoId: 'XX-JUMO-ABCDE23456',
      name: 'Kinshasa Reading Rooms',
      country: 'CD',
      city: 'Kinshasa',
      register: null,
      registrationNumber: null,
      website: null,
      mission: 'Free reading rooms with books and homework help for children in Kinshasa.',
      causes: ['education'],
      approvedAt: new Date('2027-01-02T00:00:00Z'),
    });
    expect(getBasePlaces(ngo)).toEqual(['CD']);
    expect(getPlacePath('CD')).toBe('/places/cd/');
    expect(describeLocation(ngo)).toBe('Kinshasa, Democratic Republic of the Congo');
    expect(ngo.summary).toBe(
      'Kinshasa Reading Rooms is an organisation based in Kinshasa, Democratic Republic of the Congo, on no public register we list, that joined Jumo in 2027. It works on education.',
    );
  });
});
