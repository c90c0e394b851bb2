import { describe, expect, it } from 'vitest';
import { NGO_ID_PATTERN } from '../../../model/ids.ts';
import { createFollowedMessage, NGO_ID, readFollowedMessage } from './follow-message.ts';

const popup = { name: 'the window the widget opened' };
const expected = { origin: 'https://jumo.example.org', source: popup, ngoId: 'GB-CHC-1234567' };
const fromPopup = (data: unknown, origin = expected.origin, source: unknown = popup) => ({
  origin,
  source: source as MessageEventSource,
  data,
});

describe('follow window messages', () => {
  it('reads the follow window’s word about this NGO', () => {
    const message = createFollowedMessage('GB-CHC-1234567', 8);
    expect(readFollowedMessage(fromPopup(message), expected)).toEqual({
      type: 'jumo:followed',
      ngoId: 'GB-CHC-1234567',
      followers: 8,
    });
  });

  it('ignores messages from another origin or another window, even well-formed ones', () => {
    const message = createFollowedMessage('GB-CHC-1234567', 8);
    expect(readFollowedMessage(fromPopup(message, 'https://ngo.example.com'), expected)).toBeNull();
    expect(readFollowedMessage(fromPopup(message, 'null'), expected)).toBeNull();
    expect(readFollowedMessage(fromPopup(message, expected.origin, { other: true }), expected)).toBeNull();
    expect(readFollowedMessage(fromPopup(message, expected.origin, null), { ...expected, source: null })).toBeNull();
  });

  it('ignores other NGOs and malformed data', () => {
    for (const data of [
      createFollowedMessage('GB-CHC-7654321', 8),
      { type: 'jumo:followed', ngoId: 'GB-CHC-1234567', followers: -1 },
      { type: 'jumo:followed', ngoId: 'GB-CHC-1234567', followers: '9' },
      { type: 'jumo:followed', ngoId: 'GB-CHC-1234567', followers: 1.5 },
      { type: 'other', ngoId: 'GB-CHC-1234567', followers: 1 },
      'jumo:followed',
      null,
    ]) {
      expect(readFollowedMessage(fromPopup(data), expected), JSON.stringify(data)).toBeNull();
    }
  });

  it('checks NGO ids as the model does', () => {
    expect(NGO_ID.source).toBe(NGO_ID_PATTERN.source);
  });
});
