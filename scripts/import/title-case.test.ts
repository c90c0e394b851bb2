import { describe, expect, it } from 'vitest';
import { normaliseNiName, tidyMixedCaseName, titleCaseName } from './title-case.ts';

describe('titleCaseName (IRS upper-case names)', () => {
  it.each([
    ['US-JAPAN RELATIONSHIP FUND INC', 'US-Japan Relationship Fund Inc'],
    ['UNITED WAY OF COASTAL AND WESTERN CONNECTICUT INC', 'United Way of Coastal and Western Connecticut Inc'],
    ['THE VALLEY HOSPITAL ASSOCIATION INC', 'The Valley Hospital Association Inc'],
    ['FUNDACION INFANTIL RONALD MCDONALD INC', 'Fundacion Infantil Ronald McDonald Inc'],
    ["O'BRIEN FAMILY FOUNDATION", "O'Brien Family Foundation"],
    ["CHILDREN'S HOME SOCIETY", "Children's Home Society"],
    ['MACDONALD CENTER FOR THE ARTS', 'MacDonald Center for the Arts'],
    ['MACHINISTS RELIEF FUND', 'Machinists Relief Fund'],
    ['BATH AREA FAMILY YMCA', 'Bath Area Family YMCA'],
    ['HOLYWOOD PTA NAACP VFW POST', 'Holywood PTA NAACP VFW Post'],
    ['WORLD WAR II AIRBORNE DEMONSTRATION TEAM', 'World War II Airborne Demonstration Team'],
    ['THE NOTAH BEGAY III FOUNDATION INC', 'The Notah Begay III Foundation Inc'],
    ['SNHS ELDERLY HOUSING IV INC', 'SNHS Elderly Housing IV Inc'],
    ['LIFEFLIGHT OF MAINE LLC', 'Lifeflight of Maine LLC'],
    ['OAKDALE 4-H CLUB', 'Oakdale 4-H Club'],
    ['3RD DISTRICT PTA', '3rd District PTA'],
    ['ST JOSEPH HOSPITAL OF NASHUA NH', 'St Joseph Hospital of Nashua NH'],
    ['MT DESERT ISLAND HIV AIDS CORP', 'Mt Desert Island HIV AIDS Corp'],
    ['SOCIETE DU PATRIMOINE ET DES ARTS', 'Societe du Patrimoine et des Arts'],
    ['EL CENTRO DE IGUALDAD Y DERECHOS', 'El Centro de Igualdad y Derechos'],
  ])('%s -> %s', (raw, expected) => {
    expect(titleCaseName(raw)).toBe(expected);
  });

  it('keeps the first word capitalised even when it is a small word', () => {
    expect(titleCaseName('THE ARC OF ALASKA')).toBe('The Arc of Alaska');
    expect(titleCaseName('A PLACE FOR KIDS')).toBe('A Place for Kids');
  });

  it('lowers "a" only where it is an article, keeping middle initials and spelled-out letters', () => {
    expect(titleCaseName('SHOP WITH A COP')).toBe('Shop With a Cop');
    expect(titleCaseName('MAKE-A-WISH OF ALASKA')).toBe('Make-a-Wish of Alaska');
    expect(titleCaseName('WALTER A DERYNOSKI SCHOOL PTO')).toBe('Walter A Derynoski School PTO');
    expect(titleCaseName('LAURA AND CAL TURNER FAMILY Y M C A FOUNDATION INC')).toBe(
      'Laura and Cal Turner Family Y M C A Foundation Inc',
    );
  });

  it('upper-cases consonant-only acronyms but not abbreviations such as St, Dr, Jr, Ltd', () => {
    expect(titleCaseName('CDC OF SW PENN')).toBe('CDC of SW Penn');
    expect(titleCaseName('DR MARTIN LUTHER KING JR LTD')).toBe('Dr Martin Luther King Jr Ltd');
  });

  it('keeps CASA upper as an acronym, but not as the Spanish word', () => {
    expect(titleCaseName('CASA OF OKLAHOMA COUNTY INC')).toBe('CASA of Oklahoma County Inc');
    expect(titleCaseName('IGLESIA CRISTIANA CASA DE ORACION')).toBe('Iglesia Cristiana Casa de Oracion');
  });

  it('collapses whitespace and keeps punctuation around words', () => {
    expect(titleCaseName('  FRIENDS   OF THE  (LIBRARY)  ')).toBe('Friends of the (Library)');
  });
});

describe('NI names (already mixed case)', () => {
  it('fixes acronyms the register lower-cased', () => {
    expect(tidyMixedCaseName('Disability Action (Ni)')).toBe('Disability Action (NI)');
    expect(tidyMixedCaseName('Holywood Primary School Pta')).toBe('Holywood Primary School PTA');
    expect(tidyMixedCaseName('Neurodiversity Uk')).toBe('Neurodiversity UK');
    expect(tidyMixedCaseName('Lurgan Ymca')).toBe('Lurgan YMCA');
  });

  it('fixes small words, Mc names, ordinals and possessives, and leaves Irish spellings alone', () => {
    expect(tidyMixedCaseName('Friends Of The Cardinal Tomás Ó Fiaich Memorial Library')).toBe(
      'Friends of the Cardinal Tomás Ó Fiaich Memorial Library',
    );
    expect(tidyMixedCaseName('Cumann Cultúrtha Mhic Reachtain (Mccracken Cultural Society)')).toBe(
      'Cumann Cultúrtha Mhic Reachtain (McCracken Cultural Society)',
    );
    expect(tidyMixedCaseName('104Th Belfast Brownie Unit')).toBe('104th Belfast Brownie Unit');
    expect(tidyMixedCaseName('Endowment Of Gwyn’S Charitable Institution')).toBe(
      'Endowment of Gwyn’s Charitable Institution',
    );
  });

  it('does not turn the pronoun "Us" into the country', () => {
    expect(tidyMixedCaseName('Walk With Us')).toBe('Walk With Us');
  });

  it('title-cases NI names written entirely in capitals, but not dotted acronyms', () => {
    expect(normaliseNiName('ARMAGH CHILDRENS CHOIR')).toBe('Armagh Childrens Choir');
    expect(normaliseNiName('R.I.O.T.')).toBe('R.I.O.T.');
  });
});
