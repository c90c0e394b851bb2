/**
 * Advance widths from a TrueType font's own tables (cmap format 4, hhea, hmtx), to wrap the
 * card's text: SVG has no line breaking, and the wasm renderer measures nothing for us. Kerning
 * is left out; it only narrows DejaVu's text, so a line measured here never overflows.
 */
export type FontMetrics = {
  /** Width of `text` set at `fontSize` px with `letterSpacing` px between characters. */
  measure: (text: string, fontSize: number, letterSpacing?: number) => number;
};

type TableDirectory = Map<string, number>;

function readTables(view: DataView): TableDirectory {
  const tables: TableDirectory = new Map();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(
      view.getUint8(record),
      view.getUint8(record + 1),
      view.getUint8(record + 2),
      view.getUint8(record + 3),
    );
    tables.set(tag, view.getUint32(record + 8));
  }
  return tables;
}

function requireTable(tables: TableDirectory, tag: string): number {
  const offset = tables.get(tag);
  if (offset === undefined) throw new Error(`font has no ${tag} table`);
  return offset;
}

/** The glyph of each BMP character, from the Unicode BMP subtable (format 4). */
function readGlyphLookup(view: DataView, cmap: number): (codePoint: number) => number {
  const count = view.getUint16(cmap + 2);
  let subtable = -1;
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + i * 8;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    const offset = cmap + view.getUint32(record + 4);
    if (((platform === 3 && encoding === 1) || platform === 0) && view.getUint16(offset) === 4) subtable = offset;
  }
  if (subtable < 0) throw new Error('font has no Unicode BMP cmap subtable');
  const segments = view.getUint16(subtable + 6) / 2;
  const ends = subtable + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  return (codePoint) => {
    if (codePoint > 0xffff) return 0;
    for (let s = 0; s < segments; s++) {
      if (codePoint > view.getUint16(ends + s * 2)) continue;
      const start = view.getUint16(starts + s * 2);
      if (codePoint < start) return 0;
      const delta = view.getUint16(deltas + s * 2);
      const rangeAt = rangeOffsets + s * 2;
      const range = view.getUint16(rangeAt);
      if (range === 0) return (codePoint + delta) & 0xffff;
      const glyph = view.getUint16(rangeAt + range + (codePoint - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

export function readFontMetrics(font: Uint8Array): FontMetrics {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = readTables(view);
  const unitsPerEm = view.getUint16(requireTable(tables, 'head') + 18);
  const longMetrics = view.getUint16(requireTable(tables, 'hhea') + 34);
  const hmtx = requireTable(tables, 'hmtx');
  const glyphOf = readGlyphLookup(view, requireTable(tables, 'cmap'));
  const advanceOf = (glyph: number) => view.getUint16(hmtx + Math.min(glyph, longMetrics - 1) * 4);
  const cache = new Map<number, number>();
  const emWidth = (codePoint: number): number => {
    let width = cache.get(codePoint);
    if (width === undefined) {
      width = advanceOf(glyphOf(codePoint)) / unitsPerEm;
      cache.set(codePoint, width);
    }
    return width;
  };
  return {
    measure(text, fontSize, letterSpacing = 0) {
      let width = 0;
      let count = 0;
      for (const char of text) {
        width += emWidth(char.codePointAt(0)!);
        count++;
      }
      return width * fontSize + letterSpacing * count;
    },
  };
}
