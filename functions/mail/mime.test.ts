import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeMime, encodeHeaderValue, readAddress } from './mime.ts';

describe('composeMime', () => {
  it('writes both parts in UTF-8 that a real parser reads back exactly', async () => {
    const text = `Grüße aus Köln — ${'long line '.repeat(40)}\nsecond line`;
    const html = '<p>Привет &#60;world&#62; 🌍</p>';
    const raw = composeMime(
      {
        to: 'reader@example.org',
        subject: 'Ärzte ohne Grenzen: Nouvelles « été » 🌍 '.repeat(3),
        text,
        html,
        headers: { 'List-Unsubscribe': '<https://jumo.example.org/api/email/unsubscribe?token=a.b>' },
      },
      'Jumo <no-reply@jumo.example.org>',
      new Date(Date.UTC(2027, 2, 15, 8, 0, 0)),
    );
    expect(raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Ärzte ohne Grenzen: Nouvelles « été » 🌍 '.repeat(3));
    expect(parsed.text?.trim()).toBe(text);
    expect(parsed.html).toBe(html);
    expect(parsed.from?.value[0]).toMatchObject({ name: 'Jumo', address: 'no-reply@jumo.example.org' });
    expect(parsed.headerLines.find((l) => l.key === 'list-unsubscribe')?.line).toBe(
      'List-Unsubscribe: <https://jumo.example.org/api/email/unsubscribe?token=a.b>',
    );
    expect(parsed.date?.toISOString()).toBe('2027-03-15T08:00:00.000Z');
  });

  it('never lets a line break from a title into the headers', async () => {
    const raw = composeMime(
      { to: 'a@example.org', subject: 'News\r\nBcc: victim@example.org\r\n\r\nbody', text: 't', html: 'h' },
      'x@jumo.example.org',
    );
    const parsed = await simpleParser(raw);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.subject).toBe('News Bcc: victim@example.org body');
    expect(encodeHeaderValue('a\nb')).toBe('a b');
  });

  it('reads the bare address of a mailbox', () => {
    expect(readAddress('Jumo <hello@jumo.example.org>')).toBe('hello@jumo.example.org');
    expect(readAddress(' hello@jumo.example.org ')).toBe('hello@jumo.example.org');
  });
});
