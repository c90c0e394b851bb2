/**
 * Jumo's cause taxonomy: 23 causes a donor recognises, each mapped from the
 * registries' own classifications (NTEE codes for the IRS, the Charity
 * Commission for Northern Ireland's purposes and activities for NI).
 * The order here is the display order.
 */
export const CAUSES = [
  { id: 'animals', name: 'Animals', blurb: 'Animal welfare, protection and wildlife.' },
  { id: 'arts-culture', name: 'Arts & culture', blurb: 'Arts, museums, heritage, media and the humanities.' },
  {
    id: 'community-development',
    name: 'Community & economic development',
    blurb: 'Stronger neighbourhoods, jobs, rural and urban renewal.',
  },
  { id: 'disability', name: 'Disability', blurb: 'Independence and inclusion for disabled people.' },
  { id: 'disaster-relief', name: 'Disaster relief & safety', blurb: 'Emergency response, rescue and public safety.' },
  { id: 'education', name: 'Education', blurb: 'Schools, universities, libraries, training and early years.' },
  { id: 'environment', name: 'Environment', blurb: 'Conservation, climate, pollution and sustainability.' },
  { id: 'food-agriculture', name: 'Food & agriculture', blurb: 'Hunger relief, nutrition and farming.' },
  { id: 'general', name: 'General charitable purposes', blurb: 'Charities whose registration names no single cause.' },
  { id: 'health', name: 'Health', blurb: 'Health care, diseases, hospitals and medical research.' },
  { id: 'housing', name: 'Housing & homelessness', blurb: 'Shelter, affordable housing and homelessness services.' },
  {
    id: 'human-rights',
    name: 'Human rights & equality',
    blurb: 'Civil rights, equality, advocacy and reconciliation.',
  },
  {
    id: 'human-services',
    name: 'Family & social services',
    blurb: 'Families, older people, carers and multi-purpose social services.',
  },
  {
    id: 'international',
    name: 'International development',
    blurb: 'Development, aid and relief abroad, peace and exchange.',
  },
  { id: 'justice', name: 'Crime & justice', blurb: 'Legal aid, crime prevention and rehabilitation.' },
  { id: 'mental-health', name: 'Mental health', blurb: 'Mental health, counselling, addiction and crisis support.' },
  {
    id: 'philanthropy',
    name: 'Philanthropy & volunteering',
    blurb: 'Foundations, grant-makers and volunteer development.',
  },
  { id: 'poverty', name: 'Poverty relief', blurb: 'Relief of poverty, welfare and emergency assistance.' },
  {
    id: 'public-benefit',
    name: 'Civic & public benefit',
    blurb: 'Civic life, public policy, consumer and membership bodies.',
  },
  { id: 'religion', name: 'Religion', blurb: 'Congregations, faith communities and religious activities.' },
  { id: 'science-research', name: 'Science & research', blurb: 'Science, technology and social-science research.' },
  { id: 'sports-recreation', name: 'Sports & recreation', blurb: 'Amateur sport, camps, clubs and recreation.' },
  { id: 'youth', name: 'Youth development', blurb: 'Youth clubs, mentoring, scouting and after-school care.' },
] as const;

export type CauseId = (typeof CAUSES)[number]['id'];
export type Cause = (typeof CAUSES)[number];

export const CAUSE_IDS = CAUSES.map((c) => c.id) as [CauseId, ...CauseId[]];

const byId = new Map<string, Cause>(CAUSES.map((c) => [c.id, c]));

export function getCause(id: string): Cause | undefined {
  return byId.get(id);
}

export function isCauseId(id: string): id is CauseId {
  return byId.has(id);
}
