import { describe, expect, it } from 'vitest';
import { buildIrsSummary, buildNiSummary, describeNiPurposes, type IrsSummaryFacts } from './summary.ts';

const usJapan: IrsSummaryFacts = {
  name: 'US-Japan Relationship Fund Inc',
  place: 'Japan',
  military: false,
  nteeCode: 'Q20',
  nteeLabel: 'Promotion of International Understanding',
  nteeGroup: undefined,
  rulingYear: 2004,
  periodEnd: '2023-12',
  revenue: 0,
  income: 0,
};

describe('buildIrsSummary', () => {
  it('states registration, place, classification and exemption year', () => {
    expect(buildIrsSummary(usJapan)).toBe(
      'US-Japan Relationship Fund Inc is a US 501(c)(3) tax-exempt organization based in Japan, ' +
        'classified as Promotion of International Understanding (NTEE Q20), exempt since 2004.',
    );
  });

  it('quotes revenue with its period only when one was reported', () => {
    const summary = buildIrsSummary({ ...usJapan, place: 'Fairbanks, Alaska', revenue: 401251005, income: 401394943 });
    expect(summary).toContain('It reported revenue of $401,251,005 for the tax period ending December 2023.');
    expect(buildIrsSummary({ ...usJapan, revenue: 1000, periodEnd: undefined })).not.toContain('reported');
  });

  it('drops clauses for missing facts instead of inventing them', () => {
    const summary = buildIrsSummary({ ...usJapan, place: undefined, rulingYear: undefined });
    expect(summary).toContain('based in the United States');
    expect(summary).not.toContain('since');
    expect(summary).not.toMatch(/\d{4}\b(?!\))/); // no year at all besides the code
  });

  it('names the group for generic common codes and says "at" for military addresses', () => {
    const summary = buildIrsSummary({
      ...usJapan,
      military: true,
      nteeCode: 'T12',
      nteeLabel: 'Fund Raising & Fund Distribution',
      nteeGroup: 'Philanthropy, Voluntarism & Grantmaking Foundations',
    });
    expect(summary).toContain('based at a US military (APO/FPO) address');
    expect(summary).toContain(
      'Fund Raising & Fund Distribution in Philanthropy, Voluntarism & Grantmaking Foundations (NTEE T12)',
    );
  });

  it('stays within 600 characters for the longest names', () => {
    const summary = buildIrsSummary({
      ...usJapan,
      name: 'X'.repeat(200),
      nteeLabel: 'Y'.repeat(120),
      revenue: 5,
      income: 5,
    });
    expect(summary.length).toBeLessThanOrEqual(600);
    expect(summary.length).toBeGreaterThanOrEqual(20);
  });
});

describe('buildNiSummary', () => {
  const purposes = describeNiPurposes([
    'The advancement of education',
    'The advancement of health or the saving of lives',
    'The relief of those in need by reason of youth, age, ill-health, disability, financial hardship or other disadvantage',
    'Other charitable purposes',
  ]);

  it('describes purposes as short phrases and leaves "other purposes" out', () => {
    expect(purposes).toEqual(['education', 'health', 'relief of those in need']);
  });

  it('builds the two sentences from the register facts', () => {
    expect(
      buildNiSummary({
        name: 'Cancer Lifeline',
        city: 'Belfast',
        registeredYear: 2013,
        purposes,
        periodEnd: '2019-03',
        income: 346770,
      }),
    ).toBe(
      'Cancer Lifeline is a charity in Belfast, Northern Ireland, registered with the Charity Commission for Northern Ireland since 2013. ' +
        'It works on education, health and relief of those in need; income £346,770 in the year to March 2019.',
    );
  });

  it('drops clauses for missing facts', () => {
    const bare = buildNiSummary({
      name: 'Fírinne',
      city: undefined,
      registeredYear: undefined,
      purposes: [],
      periodEnd: undefined,
      income: undefined,
    });
    expect(bare).toBe(
      'Fírinne is a charity in Northern Ireland, registered with the Charity Commission for Northern Ireland.',
    );
    const incomeOnly = buildNiSummary({
      name: 'Fírinne',
      city: undefined,
      registeredYear: 2013,
      purposes: [],
      periodEnd: '2019-03',
      income: 0,
    });
    expect(incomeOnly).toContain('Its income was £0 in the year to March 2019.');
  });
});
