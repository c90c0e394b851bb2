/**
 * A random string with 120 bits of entropy, as the Lucia guide generates session ids and
 * secrets: 24 characters from a 32-letter alphabet without look-alikes (l, o, 0, 1).
 * Used for every id we hand out (users, sessions, pledges, confirmation codes).
 */
export function generateSecureRandomString(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let id = '';
  // Each byte >> 3 keeps 5 random bits, an exact index into the 32 letters: no modulo bias.
  for (const byte of bytes) id += alphabet[byte >> 3];
  return id;
}
