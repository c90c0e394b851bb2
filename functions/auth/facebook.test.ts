import { describe, expect, it } from 'vitest';
import { generateOAuthState, isSameOAuthState } from './facebook.ts';

describe('isSameOAuthState', () => {
  it('accepts the state exactly as the cookie holds it', () => {
    const state = generateOAuthState();
    expect(isSameOAuthState(state, `${state}`)).toBe(true);
  });

  it('refuses another state, one character off at either end, a prefix, an extension and the empty string', () => {
    const state = generateOAuthState();
    const flip = (ch: string) => (ch === 'A' ? 'B' : 'A');
    expect(isSameOAuthState(generateOAuthState(), state)).toBe(false);
    expect(isSameOAuthState(flip(state[0]!) + state.slice(1), state)).toBe(false);
    expect(isSameOAuthState(state.slice(0, -1) + flip(state.at(-1)!), state)).toBe(false);
    expect(isSameOAuthState(state.slice(0, -1), state)).toBe(false);
    expect(isSameOAuthState(`${state}x`, state)).toBe(false);
    expect(isSameOAuthState('', state)).toBe(false);
    expect(isSameOAuthState(state, '')).toBe(false);
  });

  it('compares characters, not their UTF-8 bytes: differently ill-formed text is not equal', () => {
    expect(isSameOAuthState('é', 'é')).toBe(true);
    expect(isSameOAuthState('é', 'e\u0301')).toBe(false);
    // Both lone surrogates encode to the same U+FFFD bytes; as text they differ.
    expect(isSameOAuthState('state\uD800', 'state\uD801')).toBe(false);
    expect(isSameOAuthState('state\uD800', 'state\uD800')).toBe(false);
  });
});
