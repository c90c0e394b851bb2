import { describe, expect, it } from 'vitest';
import { describeNgoCard, getNgoCardPath, NGO_CARD_CALL } from './ngo-card.ts';

describe('describeNgoCard', () => {
  it('says the first cause, the name and the country, and the alt text repeats all of it in order', () => {
    const card = describeNgoCard({ name: 'Cancer Lifeline', country: 'GB', firstCause: 'health' });
    expect(card).toEqual({
      eyebrow: 'NGO · Health',
      title: 'Cancer Lifeline',
      line: `United Kingdom. ${NGO_CARD_CALL}`,
      alt: `Jumo, NGO · Health: Cancer Lifeline. United Kingdom. ${NGO_CARD_CALL}`,
    });
  });

  it('says only "NGO" for an NGO without a known cause', () => {
    expect(describeNgoCard({ name: 'X', country: 'US', firstCause: undefined }).eyebrow).toBe('NGO');
    expect(describeNgoCard({ name: 'X', country: 'US', firstCause: 'no-such-cause' }).eyebrow).toBe('NGO');
  });

  it('puts the card under the API', () => {
    expect(getNgoCardPath('GB-NIC-100002')).toBe('/api/ngos/GB-NIC-100002/card.png');
  });
});
