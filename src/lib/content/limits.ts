/**
 * Bounds on everything that enters the build from outside: content files, reader submissions and
 * imports. One place for every number, so the loader, `npm run check`, the comment tool and the
 * importers refuse the same things, and a bound hit is an error naming the file and the field,
 * never a crash deeper down. The README's "Security model" section lists them.
 */
export const LIMITS = {
  /** Bytes of a whole content file, read with a stat before the file is opened. */
  fileBytes: { article: 1_048_576, page: 1_048_576, author: 65_536, comment: 65_536, newsletter: 262_144 },
  /** Bytes of the front matter (between the --- lines). */
  frontMatterBytes: 16_384,
  /** Nesting of YAML lists and maps in front matter and imported YAML. */
  yamlDepth: 16,
  /** Characters of one front-matter string: a title, a name, a URL, a tag. */
  text: { title: 300, description: 1_000, name: 100, affiliation: 100, url: 2_000, tag: 60, id: 100 },
  /**
   * Years a date may fall in. Outside them dates are typos or attacks: Date.UTC reads years 0–99 as
   * 1900–1999, and year 10000 gives five-digit URL paths that search does not index.
   */
  years: { min: 1970, max: 2199 },
  /** Entries in one front-matter list. */
  list: { tags: 50, aliases: 100 },
  /** A reader comment's Markdown (see commentBodyProblem). */
  comment: {
    /** Characters of the body; a long essay is about 10,000. */
    chars: 20_000,
    /** Block quotes and list markers that open on one line ("> - > - x"). */
    containerDepth: 6,
    /** List items and block-quote markers in the whole body: the tree they build grows faster than they do. */
    containers: 2_000,
    /** Brackets open inside each other ("[[[[x]]]]"): link parsing backtracks over them. */
    bracketDepth: 16,
    /** Brackets in the whole body: each may start a link, and reference links repeat their URL. */
    brackets: 500,
    /** Emphasis and strikethrough markers (*, _, ~): pairing them is quadratic. */
    emphasisMarkers: 2_000,
    /** Table cells: GFM pads every row to the header's width. */
    tableCells: 2_000,
    /** Characters of rendered HTML; a body that renders larger is shown as plain text. */
    htmlChars: 524_288,
  },
  /**
   * The Markdown of articles, pages and author bios: looser than comments (authors write long,
   * structured pieces, and Astro's processor is faster), but bounded where it goes superlinear.
   */
  authored: {
    chars: 1_048_576,
    containerDepth: 16,
    containers: 200_000,
    bracketDepth: 32,
    brackets: 100_000,
    emphasisMarkers: 400_000,
    tableCells: 100_000,
  },
} as const;

/** 1,234,567 with thousands separators, for messages. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
