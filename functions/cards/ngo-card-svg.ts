import type { NgoCardText } from '../../model/ngo-card.ts';
import { escapeXml } from '../rss.ts';
import type { FontMetrics } from './font-metrics.ts';

/**
 * An NGO's 1200×630 share card as SVG, laid out like the cause cards (scripts/og-images.ts:
 * same colours, brand, margins and type sizes), with the line breaks SVG cannot make itself.
 * Every text is XML-escaped: names come from public registers and from people joining Jumo.
 */

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** Bump when the drawing changes, so ETags (and caches) move with it. */
export const CARD_DESIGN_VERSION = 1;

const LEFT = 96;
const TEXT_WIDTH = CARD_WIDTH - LEFT - 120;
const TEXT_TOP = 206;
const TEXT_BOTTOM = CARD_HEIGHT - 60;
const GAP = 22;
const EYEBROW = { size: 28, spacing: 2 };
const LINE = { size: 31, lineHeight: 1.3, maxLines: 2 };
/** The name in the largest size that fits, as the cause cards shrink a long cause name. */
const TITLE_SIZES = [
  { size: 84, maxLines: 2 },
  { size: 66, maxLines: 3 },
  { size: 54, maxLines: 3 },
] as const;
const TITLE_SPACING = -1.5;
const TITLE_LINE_HEIGHT = 1.05;
/** Where a DejaVu line's baseline sits below its top, in ems (its ascent in a 1.0 line). */
const BASELINE = 0.84;

export type CardFonts = { regular: FontMetrics; bold: FontMetrics };

type Measure = (text: string) => number;

/** Greedy word wrap; a word wider than a line is cut by characters. */
function wrap(text: string, measure: Measure, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (measure(rest) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && measure(rest.slice(0, cut)) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

/** The first `max` lines, the last ending in an ellipsis when text was left out. */
function clamp(lines: string[], max: number, measure: Measure, width: number): string[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  let last = kept[max - 1]!;
  while (last && measure(`${last}…`) > width) last = last.slice(0, -1);
  kept[max - 1] = `${last.trimEnd()}…`;
  return kept;
}

function fitTitle(title: string, bold: FontMetrics): { size: number; lines: string[] } {
  for (const { size, maxLines } of TITLE_SIZES) {
    const lines = wrap(title, (t) => bold.measure(t, size, TITLE_SPACING), TEXT_WIDTH);
    if (lines.length <= maxLines) return { size, lines };
  }
  const { size, maxLines } = TITLE_SIZES[TITLE_SIZES.length - 1]!;
  const measure = (t: string) => bold.measure(t, size, TITLE_SPACING);
  return { size, lines: clamp(wrap(title, measure, TEXT_WIDTH), maxLines, measure, TEXT_WIDTH) };
}

function textLines(lines: string[], top: number, size: number, lineHeight: number, attributes: string): string {
  return lines
    .map((line, i) => {
      const baseline = top + i * size * lineHeight + (size * (lineHeight - 1)) / 2 + size * BASELINE;
      return `<text x="${LEFT}" y="${baseline.toFixed(1)}" ${attributes}>${escapeXml(line)}</text>`;
    })
    .join('');
}

export function renderNgoCardSvg(text: NgoCardText, fonts: CardFonts): string {
  const title = fitTitle(text.title, fonts.bold);
  const lineMeasure = (t: string) => fonts.regular.measure(t, LINE.size);
  const line = clamp(wrap(text.line, lineMeasure, TEXT_WIDTH), LINE.maxLines, lineMeasure, TEXT_WIDTH);
  const eyebrow = text.eyebrow.toUpperCase();
  const eyebrowHeight = EYEBROW.size * 1.2;
  const titleHeight = title.lines.length * title.size * TITLE_LINE_HEIGHT;
  const lineHeight = line.length * LINE.size * LINE.lineHeight;
  const total = eyebrowHeight + GAP + titleHeight + GAP + lineHeight;
  // Centred in the text area, as the cause cards' flex column is.
  const top = TEXT_TOP + Math.max(0, (TEXT_BOTTOM - TEXT_TOP - total) / 2);
  const titleTop = top + eyebrowHeight + GAP;
  const lineTop = titleTop + titleHeight + GAP;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">` +
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#fbf7f1"/>` +
    `<g transform="translate(${LEFT} 84)"><circle cx="32" cy="32" r="30" fill="#a3401b"/>` +
    `<circle cx="60" cy="32" r="30" fill="#24613f" fill-opacity=".85"/></g>` +
    `<text x="${LEFT + 92 + 22}" y="136" font-family="DejaVu Sans" font-weight="bold" font-size="56" letter-spacing="-1" fill="#1f1b16">Jumo</text>` +
    textLines(
      [eyebrow],
      top,
      EYEBROW.size,
      1.2,
      `font-family="DejaVu Sans" font-weight="bold" font-size="${EYEBROW.size}" letter-spacing="${EYEBROW.spacing}" fill="#24613f"`,
    ) +
    textLines(
      title.lines,
      titleTop,
      title.size,
      TITLE_LINE_HEIGHT,
      `font-family="DejaVu Sans" font-weight="bold" font-size="${title.size}" letter-spacing="${TITLE_SPACING}" fill="#1f1b16"`,
    ) +
    textLines(
      line,
      lineTop,
      LINE.size,
      LINE.lineHeight,
      `font-family="DejaVu Sans" font-size="${LINE.size}" fill="#5b5248"`,
    ) +
    `<rect y="${CARD_HEIGHT - 18}" width="${CARD_WIDTH / 2}" height="18" fill="#a3401b"/>` +
    `<rect x="${CARD_WIDTH / 2}" y="${CARD_HEIGHT - 18}" width="${CARD_WIDTH / 2}" height="18" fill="#24613f"/>` +
    `</svg>`
  );
}
