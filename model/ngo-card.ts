import { getCause } from './causes.ts';
import { getCountryName } from './places.ts';

/**
 * What an NGO's share card says (functions/cards/ draws it, NGO pages repeat it as alt text):
 * one source, so the alt text always says what the picture shows.
 */

/** The facts a card is drawn from: what the directory table (ngo_directory) holds. */
export type NgoCardFacts = { name: string; country: string; firstCause: string | undefined };

export type NgoCardText = {
  /** Above the name, as on cause cards: "NGO · Health". */
  eyebrow: string;
  title: string;
  /** Under the name: where it is and what Jumo offers. */
  line: string;
  /** The alt text of the picture: everything it shows, in reading order. */
  alt: string;
};

/** The closing words of every NGO card. */
export const NGO_CARD_CALL = 'Follow it on Jumo and pledge your support.';

export function describeNgoCard(facts: NgoCardFacts): NgoCardText {
  const cause = facts.firstCause ? getCause(facts.firstCause) : undefined;
  const eyebrow = cause ? `NGO · ${cause.name}` : 'NGO';
  const line = `${getCountryName(facts.country)}. ${NGO_CARD_CALL}`;
  return { eyebrow, title: facts.name, line, alt: `Jumo, ${eyebrow}: ${facts.name}. ${line}` };
}

/** The card's address under the API, for og:image (made absolute by the page). */
export function getNgoCardPath(ngoId: string): string {
  return `/api/ngos/${ngoId}/card.png`;
}
