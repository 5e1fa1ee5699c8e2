/** The box a title must fit in, in pixels. */
export interface TitleBox {
  width: number;
  height: number;
  /** Largest and smallest font size tried, in pixels. */
  maxSize: number;
  minSize: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
}

/** The size chosen for a title and the lines it is estimated to take. */
export interface TitleFit {
  fontSize: number;
  lines: number;
}

const WIDE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u{3000}-\u{303F}\u{FF00}-\u{FFEF}\p{Extended_Pictographic}]/u;
const NARROW = /[ijlfrtI1.,:;'!|()[\]"`-]/;
const EXTRA_WIDE = /[mwMW@%]/;

/**
 * Width of a character in em of Noto Sans Bold, rounded up so the estimate errs towards more
 * lines: the real layout (satori) then always has room, and a title never overflows its box.
 */
export function charWidth(ch: string): number {
  if (ch === ' ') return 0.28;
  if (WIDE.test(ch)) return 1.05;
  if (EXTRA_WIDE.test(ch)) return 1.0;
  if (NARROW.test(ch)) return 0.4;
  if (/[A-Z]/.test(ch)) return 0.74;
  if (/[a-z0-9]/.test(ch)) return 0.64;
  return 0.72;
}

/** Break opportunities: after spaces, and around every CJK character (which wraps anywhere). */
function tokens(text: string): string[] {
  return (
    text.match(
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u{3000}-\u{303F}\u{FF00}-\u{FFEF}]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u{3000}-\u{303F}\u{FF00}-\u{FFEF}]+|\s+/gu,
    ) ?? []
  );
}

/** Lines a text takes at a font size when wrapped greedily to a width, as the layout does. */
export function countLines(text: string, fontSize: number, width: number): number {
  const w = (s: string) => [...s].reduce((sum, c) => sum + charWidth(c), 0) * fontSize;
  let lines = 1;
  let x = 0;
  for (const tok of tokens(text.trim())) {
    if (/^\s+$/.test(tok)) {
      x += w(' ');
      continue;
    }
    const tw = w(tok);
    if (x > 0 && x + tw > width) {
      lines++;
      x = 0;
    }
    if (tw <= width) {
      x += tw;
      continue;
    }
    // A word wider than the line is broken between characters (the card sets overflow-wrap).
    for (const c of tok) {
      const cw = charWidth(c) * fontSize;
      if (x > 0 && x + cw > width) {
        lines++;
        x = 0;
      }
      x += cw;
    }
  }
  return lines;
}

/**
 * The largest font size (in steps of 2px) at which the title's wrapped lines fit the box's
 * height. A title too long even at the smallest size gets the smallest size and as many lines
 * as it needs; the card shortens it first (see truncateTitle), so that does not happen in practice.
 */
export function fitTitle(title: string, box: TitleBox): TitleFit {
  for (let size = box.maxSize; size >= box.minSize; size -= 2) {
    const lines = countLines(title, size, box.width);
    if (lines * size * box.lineHeight <= box.height) return { fontSize: size, lines };
  }
  return { fontSize: box.minSize, lines: countLines(title, box.minSize, box.width) };
}

/**
 * Shortens a title that cannot fit even at the smallest size, at a word boundary, with an
 * ellipsis. Titles are limited by the content schema, so this only guards the card.
 */
export function truncateTitle(title: string, box: TitleBox): string {
  const fits = (t: string) => countLines(t, box.minSize, box.width) * box.minSize * box.lineHeight <= box.height;
  if (fits(title)) return title;
  const chars = [...title];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(`${chars.slice(0, mid).join('').trimEnd()}…`)) lo = mid;
    else hi = mid - 1;
  }
  let cut = chars.slice(0, lo).join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}
