import { readPublishedProfiles } from '../../content/read-profiles.ts';
import type { PublishedProfile } from '../../model/ngo-profile.ts';

/**
 * NGO-provided profiles for the build, read once and shared by every NGO page. PROFILES_FILE
 * points tests and small builds at another file (as CONTENT_DIR does for the NGOs).
 */
let loading: Promise<Map<string, PublishedProfile>> | undefined;

export function loadProfiles(): Promise<Map<string, PublishedProfile>> {
  loading ??= readPublishedProfiles(process.env.PROFILES_FILE || undefined);
  return loading;
}

/** "12 March 2027": the date the page gives for "Provided by the NGO, updated …". */
export function formatProfileDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
