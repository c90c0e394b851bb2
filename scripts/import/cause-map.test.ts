import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../../model/causes.ts';
import { dedupeCauses, mapNiActivity, mapNiCategoriesToCauses, mapNiPurpose, mapNteeToCauses } from './cause-map.ts';
import { loadNteeTable, parseNteeCode } from './ntee.ts';

const ntee = loadNteeTable(fileURLToPath(new URL('./fixtures/ntee-sample.csv', import.meta.url)));

describe('NTEE codes', () => {
  it('reads the table and strips its HTML draft notes', () => {
    expect(ntee.get('Q20')).toBe('Promotion of International Understanding');
    expect(ntee.get('A53')).toBe('Folk Arts Museums');
  });

  it('looks 4-char BMF codes up by their first 3 chars, keeping the code as given', () => {
    expect(parseNteeCode('Q330', ntee)).toMatchObject({ code: 'Q330', base: 'Q33', label: 'International Relief' });
    expect(parseNteeCode('a6a', ntee)).toMatchObject({ code: 'A6A', label: 'Opera' });
  });

  it('falls back to the major group when the table lacks the code', () => {
    expect(parseNteeCode('P8XZ', ntee)).toMatchObject({ code: 'P8XZ', group: 'P', label: 'Human Services' });
  });

  it('marks generic common codes (01-19) so summaries can name the group', () => {
    expect(parseNteeCode('T12', ntee)?.isCommonCode).toBe(true);
    expect(parseNteeCode('Q20', ntee)?.isCommonCode).toBe(false);
  });

  it.each(['K3', '050', 'Q', 'QQ1', 'Q20XY', '', '1Q2'])('rejects the malformed code %j', (raw) => {
    expect(parseNteeCode(raw, ntee)).toBeUndefined();
  });
});

describe('mapNteeToCauses', () => {
  it('maps major groups', () => {
    expect(mapNteeToCauses('A20')).toEqual(['arts-culture']);
    expect(mapNteeToCauses('F30')).toEqual(['mental-health']);
    expect(mapNteeToCauses('J20')).toEqual(['community-development']);
    expect(mapNteeToCauses('T20')).toEqual(['philanthropy']);
    expect(mapNteeToCauses('U40')).toEqual(['science-research']);
    expect(mapNteeToCauses('Y40')).toEqual(['public-benefit']);
    expect(mapNteeToCauses('Z99')).toEqual(['general']);
  });

  it('puts subcode refinements first', () => {
    expect(mapNteeToCauses('K31')).toEqual(['food-agriculture', 'poverty']);
    expect(mapNteeToCauses('Q33')).toEqual(['international', 'disaster-relief']);
    expect(mapNteeToCauses('P85')).toEqual(['housing', 'poverty', 'human-services']);
    expect(mapNteeToCauses('P82')[0]).toBe('disability');
    expect(mapNteeToCauses('P86')[0]).toBe('disability');
    expect(mapNteeToCauses('P87')[0]).toBe('disability');
  });

  it('only ever answers with taxonomy ids', () => {
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      for (const cause of mapNteeToCauses(`${letter}20`)) expect(CAUSE_IDS).toContain(cause);
    }
  });
});

describe('NI categories', () => {
  it('maps activities and purposes', () => {
    expect(mapNiActivity('Relief of poverty')).toEqual(['poverty']);
    expect(mapNiActivity('Welfare/benevolent')).toEqual(['poverty']);
    expect(mapNiActivity('Playgroup/after schools')).toEqual(['youth']);
    expect(mapNiActivity('Counselling/support')).toEqual(['mental-health']);
    expect(mapNiActivity('Overseas aid/famine relief')).toEqual(['international']);
    expect(mapNiActivity('Search and rescue')).toEqual(['disaster-relief']);
    expect(mapNiActivity('Grant making')).toEqual(['philanthropy']);
    expect(mapNiActivity('Human rights/equality')).toEqual(['human-rights']);
    expect(mapNiActivity('Heritage/historical')).toEqual(['arts-culture']);
    expect(mapNiActivity('Criminal justice')).toEqual(['justice']);
    expect(mapNiActivity('Something new')).toEqual([]);
    expect(
      mapNiPurpose(
        'The advancement of human rights, conflict resolution or reconciliation or the promotion of  religious or racial harmony or equality and diversity',
      ),
    ).toEqual(['human-rights']);
  });

  it('orders by weight (purposes count double), puts "general" last, dedupes', () => {
    const causes = mapNiCategoriesToCauses(
      ['The advancement of education', 'Other charitable purposes'],
      [
        'General charitable purposes',
        'Counselling/support',
        'Education/training',
        'Sport/recreation',
        'Sport/recreation',
      ],
    );
    expect(causes[0]).toBe('education');
    expect(causes.at(-1)).toBe('general');
    expect(new Set(causes).size).toBe(causes.length);
  });

  it('falls back to "general" when nothing maps', () => {
    expect(mapNiCategoriesToCauses([], ['Something new'])).toEqual(['general']);
  });

  it('caps at 8 causes', () => {
    expect(dedupeCauses([...CAUSE_IDS])).toHaveLength(8);
    expect(dedupeCauses(['health', 'not-a-cause', 'health'])).toEqual(['health']);
  });
});
