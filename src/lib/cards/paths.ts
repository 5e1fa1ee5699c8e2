/** Social cards are drawn at the size Open Graph and X/Twitter large-image cards expect. */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** What a card is for. */
export type CardKind = 'article' | 'author' | 'tag' | 'site';

/**
 * Site path of a card image, for og:image and for writing the file: `/og/articles/<slug>.png`,
 * `/og/authors/<id>.png`, `/og/tags/<segment>.png` (the site model's Tag.segment) or `/og/site.png`
 * (home and every other page). The id is needed for every kind but 'site'. Like the page paths in
 * urls.ts it is not percent-encoded: the same string names the file in the output folder.
 */
export function cardPath(kind: CardKind, id?: string): string {
  if (kind === 'site') return '/og/site.png';
  if (!id)
    throw new Error(`cardPath('${kind}') needs the ${kind === 'tag' ? 'tag segment' : kind === 'author' ? 'author id' : 'article slug'}`);
  const folder = kind === 'article' ? 'articles' : kind === 'author' ? 'authors' : 'tags';
  return `/og/${folder}/${id}.png`;
}
