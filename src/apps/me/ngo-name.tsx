import type { NgoNames } from './look-up-ngos.ts';

/** The NGO's name linking to its page, or its id when the build does not know it (any more). */
export function NgoName({ id, names }: { id: string; names: NgoNames }) {
  const ngo = names.get(id);
  return ngo ? <a href={`/ngos/${ngo.slug}/`}>{ngo.name}</a> : <span>{id}</span>;
}

export function getNgoName(id: string, names: NgoNames): string {
  return names.get(id)?.name ?? id;
}
