import { getCause, type CauseId } from './causes.ts';
import { ngoSchema, type Ngo } from './ngo.ts';
import { getCountryName, getPlaceNameInText } from './places.ts';
import { findRegister, toRegisterUrl } from './registers.ts';
import { toNgoSlug } from './slug.ts';

/**
 * An NGO that joined through "Add your NGO", as the directory record (model/ngo.ts) that
 * `npm run export` writes to content/ngos/joined.jsonl: everything in it is what the proposer
 * gave and the admin approved. Built here so the API (slug at approval) and the export agree.
 */

/** What a proposer tells Jumo about the organisation (db/proposals.ts stores it as a proposal). */
export type OrganisationFacts = {
  name: string;
  country: string;
  city: string | null;
  register: string | null;
  registrationNumber: string | null;
  website: string | null;
  mission: string;
  causes: readonly CauseId[];
};

/** The facts of an approved proposal the record is made of. */
export type JoinedNgoFacts = OrganisationFacts & { ngoId: string; approvedAt: Date };

/** Where the mission text comes from, shown beside it on the page. */
export const JOINED_OWN_WORDS_SOURCE = 'what the organisation told Jumo when it joined';

/**
 * "Les Restos du Cœur" + "FR-RCS-512788308" → "les-restos-du-coeur-fr-rcs-512788308". The tail is
 * the whole id, not only its number as for register records: ids are unique across registers
 * and the directory, so two NGOs with the same name and number on two lists keep two addresses.
 */
export function toJoinedSlug(name: string, ngoId: string): string {
  return toNgoSlug(name, ngoId);
}

function listCauses(causes: readonly CauseId[]): string {
  const names = causes.map((id) => (getCause(id)?.name ?? id).toLowerCase());
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** One or two sentences from the facts only: where it is, which register, what it works on. */
export function buildJoinedSummary(facts: JoinedNgoFacts): string {
  const place = facts.city ? `${facts.city}, ${getCountryName(facts.country)}` : getPlaceNameInText(facts.country);
  const register = facts.register ? findRegister(facts.register) : undefined;
  const registration =
    register && facts.registrationNumber
      ? `registered with the ${register.name} (${facts.registrationNumber})`
      : 'on no public register we list';
  const summary = `${facts.name} is an organisation based in ${place}, ${registration}, that joined Jumo in ${facts.approvedAt.getUTCFullYear()}. It works on ${listCauses(facts.causes)}.`;
  return summary.length <= 600 ? summary : `${summary.slice(0, 597)}…`;
}

/** The directory record; throws when it does not fit the model (the export then stops). */
export function buildJoinedNgoRecord(facts: JoinedNgoFacts): Ngo {
  const register = facts.register ? findRegister(facts.register) : undefined;
  const url = register && facts.registrationNumber ? toRegisterUrl(register.code, facts.registrationNumber) : undefined;
  return ngoSchema.parse({
    id: facts.ngoId,
    slug: toJoinedSlug(facts.name, facts.ngoId),
    name: facts.name,
    summary: buildJoinedSummary(facts),
    causes: [...facts.causes],
    location: { country: facts.country, ...(facts.city ? { city: facts.city } : {}) },
    ...(facts.website ? { website: facts.website } : {}),
    ...(register && facts.registrationNumber
      ? { registry: { name: register.name, number: facts.registrationNumber, ...(url ? { url } : {}) } }
      : {}),
    ownWords: { text: facts.mission, source: JOINED_OWN_WORDS_SOURCE },
    updated: facts.approvedAt.toISOString().slice(0, 10),
  });
}
