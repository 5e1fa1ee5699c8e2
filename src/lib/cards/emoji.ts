import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Marks of a grapheme that wants to be drawn as an emoji picture rather than a text glyph. */
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u{FE0F}|\u{20E3}|\u{200D}/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u{20E3}/u;

/** Folder of the @twemoji/svg package. */
export function twemojiDir(resolveFrom: string = import.meta.url): string {
  try {
    return path.dirname(createRequire(resolveFrom).resolve('@twemoji/svg/package.json'));
  } catch {
    throw new Error('[cards] @twemoji/svg is not installed; run npm install (cards draw emoji with it)');
  }
}

/**
 * Twemoji's file name for a grapheme: code points in hex joined by "-", with U+FE0F dropped
 * unless the grapheme is a ZWJ sequence (Twemoji's own rule, from its parse()).
 */
export function twemojiName(grapheme: string): string {
  const text = grapheme.includes('\u200d') ? grapheme : grapheme.replaceAll('\ufe0f', '');
  return [...text].map((c) => (c.codePointAt(0) as number).toString(16)).join('-');
}

/** Emoji found in a text, and the text left for fonts to draw. */
export interface EmojiSplit {
  /** Grapheme → absolute path of its Twemoji SVG. */
  images: Record<string, string>;
  /** Emoji graphemes Twemoji has no picture for. */
  missing: string[];
  /** The text without the emoji graphemes. */
  rest: string;
}

/**
 * Finds the graphemes to draw as Twemoji pictures: those with emoji presentation (🚀, ❤️, 👍🏽,
 * flags, keycaps, ZWJ families). A pictograph in text presentation (©, ™, ↔) stays text when
 * a font has it; `hasGlyph` says whether one does, and if none does the picture is used.
 */
export function splitEmoji(text: string, dir: string, hasGlyph: (ch: string) => boolean = () => false): EmojiSplit {
  const images: Record<string, string> = {};
  const missing: string[] = [];
  let rest = '';
  for (const { segment } of graphemes.segment(text)) {
    if (!PICTOGRAPHIC.test(segment) || (!EMOJI_PRESENTATION.test(segment) && [...segment].length === 1 && hasGlyph(segment))) {
      rest += segment;
      continue;
    }
    if (images[segment] || missing.includes(segment)) continue;
    let file = path.join(dir, `${twemojiName(segment)}.svg`);
    // Some sequences are only in Twemoji without their variation selectors.
    if (!existsSync(file)) file = path.join(dir, `${twemojiName(segment.replaceAll('\ufe0f', ''))}.svg`);
    if (existsSync(file)) images[segment] = file;
    else missing.push(segment);
  }
  return { images, missing, rest };
}
