import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The two weights cards use: titles are bold, everything else regular. */
export type CardFontWeight = 400 | 700;

/** One .woff file of a fontsource package: a family's glyphs for one unicode-range subset. */
export interface FontFile {
  /**
   * Name to register with satori, unique per subset ("Noto Sans SC [12]"): satori keeps one font
   * per name and weight, so subsets sharing the family name would hide each other's glyphs.
   */
  name: string;
  weight: CardFontWeight;
  /** Absolute path of the .woff file (satori reads WOFF, not WOFF2). */
  file: string;
}

/** The part of a text a card draws in one weight. */
export interface TextRun {
  text: string;
  weight: CardFontWeight;
}

/** A family's subsets at one weight, indexed for code point look-ups. */
interface Family {
  id: string;
  family: string;
  dir: string;
  /** Sorted, non-overlapping [first, last, subset index]. */
  ranges: [number, number, number][];
  /** Subset names ("latin", "[12]") by index. */
  subsets: string[];
}

/** Every family cards can draw with, read from the installed fontsource packages. */
export interface FontRegistry {
  families: Family[];
}

/**
 * The packages, in the order a code point looks for a glyph. Noto Sans covers Latin (with
 * Vietnamese and other accents), Cyrillic and Greek; Arabic and Hebrew have their own packages.
 * The CJK families come last and only one of them serves a text (see cjkFamilyFor), since
 * Chinese, Japanese and Korean draw the same Han characters differently.
 */
const PACKAGES = [
  { id: 'noto-sans', family: 'Noto Sans' },
  { id: 'noto-sans-arabic', family: 'Noto Sans Arabic' },
  { id: 'noto-sans-hebrew', family: 'Noto Sans Hebrew' },
  { id: 'noto-sans-sc', family: 'Noto Sans SC' },
  { id: 'noto-sans-jp', family: 'Noto Sans JP' },
  { id: 'noto-sans-kr', family: 'Noto Sans KR' },
] as const;

type CjkId = 'noto-sans-sc' | 'noto-sans-jp' | 'noto-sans-kr';
const CJK_IDS: readonly CjkId[] = ['noto-sans-sc', 'noto-sans-jp', 'noto-sans-kr'];

/** Parses a CSS unicode-range value ("U+0000-00FF,U+0131,U+1F??") into inclusive ranges. */
export function parseUnicodeRange(value: string): [number, number][] {
  const out: [number, number][] = [];
  for (const raw of value.split(',')) {
    const part = raw.trim().replace(/^U\+/i, '');
    if (!part) continue;
    if (part.includes('?')) {
      out.push([Number.parseInt(part.replaceAll('?', '0'), 16), Number.parseInt(part.replaceAll('?', 'F'), 16)]);
      continue;
    }
    const [a, b] = part.split('-');
    const first = Number.parseInt(a ?? '', 16);
    const last = b === undefined ? first : Number.parseInt(b, 16);
    if (Number.isNaN(first) || Number.isNaN(last)) throw new Error(`unicode-range part "${raw}" is not U+XXXX or U+XXXX-YYYY`);
    out.push([first, last]);
  }
  return out;
}

/** The .woff file of one subset, named as fontsource names them. */
function subsetFile(fam: Family, subset: string, weight: CardFontWeight): string {
  const numbered = /^\[(\d+)\]$/.exec(subset);
  return path.join(fam.dir, 'files', `${fam.id}-${numbered ? numbered[1] : subset}-${weight}-normal.woff`);
}

/**
 * Reads each fontsource package's unicode.json (subset name → unicode-range; the same for every
 * weight) and indexes it, so a text can load exactly the subset files its characters need. This
 * handles both layouts fontsource uses: named subsets (latin, cyrillic, …) and the numbered
 * slices ([0] … [119]) of the large CJK fonts.
 */
export function loadFontRegistry(resolveFrom: string = import.meta.url): FontRegistry {
  const require = createRequire(resolveFrom);
  const families = PACKAGES.map(({ id, family }) => {
    const pkg = `@fontsource/${id}`;
    let dir: string;
    try {
      dir = path.dirname(require.resolve(`${pkg}/package.json`));
    } catch {
      throw new Error(`[cards] font package ${pkg} is not installed; run npm install (cards draw text with the fonts in package.json)`);
    }
    const unicode = JSON.parse(readFileSync(path.join(dir, 'unicode.json'), 'utf8')) as Record<string, string>;
    const subsets = Object.keys(unicode);
    const ranges: [number, number, number][] = [];
    subsets.forEach((subset, i) => {
      for (const [a, b] of parseUnicodeRange(unicode[subset] ?? '')) ranges.push([a, b, i]);
    });
    ranges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    return { id, family, dir, ranges, subsets };
  });
  return { families };
}

/** Index of the subset holding a code point, or -1. Ranges may overlap, so look at every candidate. */
function subsetOf(fam: Family, cp: number): number {
  const r = fam.ranges;
  let lo = 0;
  let hi = r.length;
  // First range starting after cp.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((r[mid] as [number, number, number])[0] <= cp) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    const [a, b, s] = r[i] as [number, number, number];
    if (cp >= a && cp <= b) return s;
    // Ranges are short, and none in fontsource's data spans more than a few thousand points.
    if (cp - a > 0x10000) break;
  }
  return -1;
}

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;

/**
 * The CJK family for a text: Japanese when it has kana, Korean when it has Hangul, otherwise
 * Simplified Chinese. A Han character alone cannot tell the languages apart; kana and Hangul can.
 */
export function cjkFamilyFor(text: string): CjkId {
  if (KANA.test(text)) return 'noto-sans-jp';
  if (HANGUL.test(text)) return 'noto-sans-kr';
  return 'noto-sans-sc';
}

/** Characters that draw nothing, so need no glyph. */
const NO_GLYPH = /[\p{White_Space}\p{Cf}\p{Cc}]/u;

/** Fonts chosen for some text runs, and the characters no installed font can draw. */
export interface FontChoice {
  /** Deduplicated, in a stable order (registry order, then subset order, then weight). */
  files: FontFile[];
  /** Characters without a glyph in any family, each once, in order of appearance. */
  missing: string[];
}

/**
 * Picks the subset files that draw the given text runs: for every character the first family in
 * PACKAGES order whose unicode-range holds it, the text's own CJK family (cjkFamilyFor) coming
 * before the other two. The Latin subsets are always included, so digits and punctuation have a home and satori
 * has a default. Emoji should be taken out of the runs first: they are drawn as Twemoji images.
 */
export function chooseFonts(runs: TextRun[], registry: FontRegistry): FontChoice {
  const allText = runs.map((r) => r.text).join('\n');
  const cjk = cjkFamilyFor(allText);
  // The text's CJK family first; the other two only for characters it lacks (a simplified
  // Chinese character in a Japanese title), so nothing falls through to a box.
  const order = [
    ...registry.families.filter((f) => !CJK_IDS.includes(f.id as CjkId) || f.id === cjk),
    ...registry.families.filter((f) => CJK_IDS.includes(f.id as CjkId) && f.id !== cjk),
  ];
  const picked = new Map<string, { fam: Family; subset: number; weight: CardFontWeight; rank: number }>();
  const pick = (famIndex: number, subset: number, weight: CardFontWeight) => {
    const fam = order[famIndex] as Family;
    const key = `${fam.id}|${subset}|${weight}`;
    if (!picked.has(key)) picked.set(key, { fam, subset, weight, rank: famIndex * 1e6 + subset * 10 + (weight === 700 ? 1 : 0) });
  };
  const base = order[0] as Family;
  for (const name of ['latin', 'latin-ext']) {
    const i = base.subsets.indexOf(name);
    if (i >= 0) {
      pick(0, i, 400);
      pick(0, i, 700);
    }
  }
  const missing: string[] = [];
  for (const run of runs) {
    for (const ch of run.text) {
      if (NO_GLYPH.test(ch)) continue;
      const cp = ch.codePointAt(0) as number;
      let found = false;
      for (let f = 0; f < order.length && !found; f++) {
        const s = subsetOf(order[f] as Family, cp);
        if (s >= 0) {
          pick(f, s, run.weight);
          found = true;
        }
      }
      if (!found && !missing.includes(ch)) missing.push(ch);
    }
  }
  const files = [...picked.values()]
    .sort((a, b) => a.rank - b.rank)
    .map(({ fam, subset, weight }) => {
      const name = fam.subsets[subset] as string;
      return { name: `${fam.family} ${name}`, weight, file: subsetFile(fam, name, weight) };
    });
  return { files, missing };
}

/** "U+0378 (͸)" style list for warnings, so an invisible or unfamiliar character can be found. */
export function describeChars(chars: string[]): string {
  return chars.map((c) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')} ${JSON.stringify(c)}`).join(', ');
}
