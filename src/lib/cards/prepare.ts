import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolvePublicFile } from '../public-files.ts';
import type { CardKind } from '../urls.ts';
import { splitEmoji } from './emoji.ts';
import { type CardFontWeight, chooseFonts, type FontRegistry } from './fonts.ts';
import { isDrawableImage } from './image.ts';
import type { RenderJob } from './render.ts';
import { type CardContent, TEMPLATE_VERSION } from './template.ts';

/** One card the site needs, before fonts and cache keys are worked out. */
export interface CardSpec {
  kind: CardKind;
  /** Site path of the PNG (paths.card). */
  path: string;
  /** What to name in warnings: the source file, or a description. */
  source: string;
  content: Omit<CardContent, 'hasImage'>;
  /**
   * The article's `image`: a path under public/ is drawn; an http(s) URL is not, because the
   * build has no network, so such a card is drawn without a picture.
   */
  image?: string | undefined;
}

/** A card ready to render or copy from the cache. */
export interface PreparedCard {
  spec: CardSpec;
  job: RenderJob;
  /** Hash of everything that changes the card's pixels. */
  key: string;
  /** Characters (and emoji) nothing can draw; each is a build warning naming the card's source. */
  missing: string[];
  /** Why the article's own picture is not on the card, when it is a public/ file satori cannot draw. */
  imageSkipped?: string | undefined;
}

/** What preparing cards needs from the build. */
export interface PrepareContext {
  registry: FontRegistry;
  /** Folder of @twemoji/svg. */
  twemojiDir: string;
  /** The site's public/ folder, for article pictures. */
  publicDir: string;
  /** Versions of the drawing engines; part of every key. */
  engine: string;
}

const fileHashes = new Map<string, string>();
/** SHA-256 of a file's bytes, read once per process (font subsets are shared by many cards). */
export function fileHash(file: string): string {
  let h = fileHashes.get(file);
  if (!h) {
    h = createHash('sha256').update(readFileSync(file)).digest('hex');
    fileHashes.set(file, h);
  }
  return h;
}

/** "satori@0.63.2 resvg@2.6.2": a new engine may draw differently, so it re-renders every card. */
export function engineVersion(resolveFrom: string = import.meta.url): string {
  const require = createRequire(resolveFrom);
  const version = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;
  return `satori@${version('satori')} resvg@${version('@resvg/resvg-js')}`;
}

/**
 * The public/ file an image reference names, when it is one satori can draw. Confined to public/
 * (resolvePublicFile: no "..", no links), so a card never draws a file from elsewhere on the
 * build machine; the loader has already reported any reference that fails.
 */
function localImage(ref: string | undefined, publicDir: string): string | undefined {
  if (!ref?.startsWith('/') || ref.startsWith('//')) return undefined;
  const found = resolvePublicFile(publicDir, ref);
  return 'file' in found && isDrawableImage(found.file) ? found.file : undefined;
}

/**
 * Chooses the card's fonts (only the subsets its characters need, so CJK fonts load only for CJK
 * text), its emoji pictures and picture file, and hashes all of it with the template version and
 * engine versions into the cache key. File contents are hashed, not names, so an updated font
 * package re-renders exactly the cards that use a changed file.
 */
export function prepareCard(spec: CardSpec, ctx: PrepareContext): PreparedCard {
  const image = localImage(spec.image, ctx.publicDir);
  const content: CardContent = { ...spec.content, hasImage: !!image };
  const parts: { text: string; weight: CardFontWeight }[] = [
    { text: content.siteName, weight: 700 },
    { text: content.title, weight: 700 },
    { text: [content.label ?? '', ...content.byline, ...content.tags.slice(0, 3), '…·'].join(' '), weight: 400 },
  ];
  const hasGlyph = (ch: string) => chooseFonts([{ text: ch, weight: 400 }], ctx.registry).missing.length === 0;
  const emoji: Record<string, string> = {};
  const missing: string[] = [];
  const runs = parts.map((p) => {
    const split = splitEmoji(p.text, ctx.twemojiDir, hasGlyph);
    Object.assign(emoji, split.images);
    missing.push(...split.missing);
    return { text: split.rest, weight: p.weight };
  });
  const fonts = chooseFonts(runs, ctx.registry);
  missing.push(...fonts.missing);
  const job: RenderJob = { content, fonts: fonts.files, emoji, image };
  const key = createHash('sha256')
    .update(
      JSON.stringify({
        template: TEMPLATE_VERSION,
        engine: ctx.engine,
        content,
        fonts: fonts.files.map((f) => [f.name, f.weight, fileHash(f.file)]),
        emoji: Object.entries(emoji)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([g, f]) => [g, fileHash(f)]),
        image: image ? fileHash(image) : null,
      }),
    )
    .digest('hex')
    .slice(0, 32);
  const local = spec.image?.startsWith('/') && !spec.image.startsWith('//');
  const imageSkipped =
    local && !image && !isDrawableImage(spec.image ?? '')
      ? `${spec.image} is drawn on the page but not on the card: cards can use PNG, JPEG, GIF or SVG pictures`
      : undefined;
  return { spec, job, key, missing: [...new Set(missing)], imageSkipped };
}
