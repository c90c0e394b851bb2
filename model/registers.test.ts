import { describe, expect, it } from 'vitest';
import { ngoIdSchema } from './ids.ts';
import {
  checkRegistrationNumber,
  findRegister,
  normalizeRegistrationNumber,
  REGISTERS,
  toRegisterId,
  toRegisterUrl,
} from './registers.ts';

describe('the registers list', () => {
  it('has unique org-id codes, each with a name and an ISO country, sorted by code', () => {
    const codes = REGISTERS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    for (const register of REGISTERS) {
      expect(register.code).toMatch(/^[A-Z]{2}-[A-Z0-9_]{2,12}$/);
      expect(register.code.slice(0, 2)).toBe(register.country);
      expect(register.name.length).toBeGreaterThan(3);
      // Every documented example fits the format it illustrates.
      for (const example of register.example?.split(' or ') ?? []) expect(register.pattern?.test(example)).toBe(true);
    }
  });

  it('normalises numbers as people type them', () => {
    expect(normalizeRegistrationNumber('FR-RCS', '512 788 308')).toBe('512788308');
    expect(normalizeRegistrationNumber('GB-SC', 'sc042386')).toBe('SC042386');
    expect(normalizeRegistrationNumber('US-EIN', '01-0674736')).toBe('010674736');
    expect(normalizeRegistrationNumber('ZA-NPO', '181-465')).toBe('181-465');
    expect(normalizeRegistrationNumber('UG-NGB', '80010001803086/BN-55471')).toBe('80010001803086BN-55471');
  });

  it('checks the format where the list shows one, and accepts any plain number where it does not', () => {
    expect(checkRegistrationNumber('GB-CHC', '1090095')).toBeNull();
    expect(checkRegistrationNumber('GB-CHC', '12')).toMatch(/not a GB-CHC number \(such as 1090095\)/);
    expect(checkRegistrationNumber('IN-MCA', 'U01111UR1995PLC017979')).toBeNull();
    expect(checkRegistrationNumber('IN-MCA', '104860017')).not.toBeNull();
    expect(checkRegistrationNumber('KE-NCB', 'OP.218/051/2002/0128/2375')).toBeNull();
    expect(checkRegistrationNumber('KE-NCB', '<script>')).toMatch(/letters, digits and hyphens/);
    expect(checkRegistrationNumber('FR-RNA', 'W751234567')).toBe('not a register on our list');
  });

  it('builds ids the NGO id schema accepts, and register URLs where known', () => {
    for (const [code, number] of [
      ['FR-RCS', '512 788 308'],
      ['CA-CRA_ACR', '820336113'],
      ['ZA-NPO', '181-465'],
      ['GB-SC', 'SC042386'],
      ['KE-NCB', 'OP.218/051/2002'],
    ] as const) {
      expect(ngoIdSchema.safeParse(toRegisterId(code, number)).success, code).toBe(true);
    }
    expect(ngoIdSchema.safeParse('XX-JUMO-K7P3M2QD9A').success).toBe(true);
    expect(toRegisterUrl('US-EIN', '01-0674736')).toBe('https://apps.irs.gov/app/eos/details/?ein=010674736');
    expect(toRegisterUrl('FR-RCS', '512788308')).toBeUndefined();
    expect(findRegister('GB-NIC')?.name).toBe('The Charity Commission for Northern Ireland');
  });

  it('keeps the NGO id schema strict for the registers it knows, and URL-safe for all', () => {
    for (const bad of [
      'GB-NIC-12',
      'US-EIN-12345',
      'gb-nic-100002',
      'FR-RCS-../x',
      'XX-JUMO-',
      'FR-RCS-512/788',
      'nope',
    ])
      expect(ngoIdSchema.safeParse(bad).success, bad).toBe(false);
    for (const good of ['US-EIN-010674736', 'GB-NIC-100002', 'GB-CHC-1000340', 'GB-SC-SC012345'])
      expect(ngoIdSchema.safeParse(good).success, good).toBe(true);
  });
});
