import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateImage } from './validate-image.ts';

const read = (name: string) => new Uint8Array(readFileSync(`test/fixtures/images/${name}`));
const text = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((p) => [...p]));

describe('validateImage', () => {
  it.each([
    ['logo.png', 'png', 'image/png'],
    ['logo.jpg', 'jpeg', 'image/jpeg'],
    ['logo.webp', 'webp', 'image/webp'],
  ])('accepts %s by its bytes, with its size', (file, type, contentType) => {
    expect(validateImage(read(file))).toEqual({ ok: true, image: { type, contentType, width: 64, height: 48 } });
  });

  it('accepts a JPEG padded with zeros after its end marker (some encoders do)', () => {
    expect(validateImage(concat(read('logo.jpg'), new Uint8Array(16))).ok).toBe(true);
  });

  it.each([
    ['a PNG with HTML after IEND (a polyglot)', () => concat(read('logo.png'), text('<script>alert(1)</script>'))],
    ['a JPEG with HTML after its end marker', () => concat(read('logo.jpg'), text('<html><script>x</script>'))],
    ['a WebP whose RIFF size does not match', () => concat(read('logo.webp'), text('junk'))],
    ['a PNG cut short', () => read('logo.png').slice(0, 100)],
    ['a PNG signature alone', () => read('logo.png').slice(0, 8)],
  ])('refuses %s', (_label, make) => {
    expect(validateImage(make())).toMatchObject({ ok: false });
  });

  it('refuses other formats whatever they claim', () => {
    for (const bytes of [
      text('GIF89a\x10\x00\x10\x00'),
      text('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      text('BM'),
      text('%PDF-1.7'),
      text('RIFF\x04\x00\x00\x00WAVE'),
    ]) {
      expect(validateImage(bytes)).toEqual({ ok: false, message: 'a PNG, JPEG or WebP image' });
    }
  });

  it('bounds size and dimensions', () => {
    expect(validateImage(new Uint8Array())).toEqual({ ok: false, message: 'the file is empty' });
    expect(validateImage(new Uint8Array(256 * 1024 + 1))).toEqual({ ok: false, message: 'at most 256 KB' });
    expect(validateImage(read('tiny.png'))).toEqual({ ok: false, message: 'at least 16×16 pixels' });
    expect(validateImage(read('wide.png'))).toEqual({ ok: false, message: 'at most 4096×4096 pixels' });
  });
});
