/** An element with an id in an indexed page, as Pagefind reports it with a result. */
export interface PagefindAnchor {
  /** Tag name, e.g. "article". */
  element: string;
  id: string;
  /** Text of the element's inline content. */
  text?: string | undefined;
  /** Word position in the page's indexed content where the element starts. */
  location: number;
}

/** The parts of a Pagefind result's data that locate its matches. */
export interface LocatedResult {
  url: string;
  /** Word positions of the matches. */
  locations: number[];
  anchors: PagefindAnchor[];
}

/** A reader's comment in which the search words occur. */
export interface CommentMatch {
  /** Link to the comment on the article page. */
  url: string;
  /** Who wrote it, as the comment's header shows them; empty when the header is unknown. */
  author: string;
}

const COMMENT_ID = /^comment-(.+)$/;

/**
 * The comments a result matched in, first match first. The article page indexes its comments after
 * the body; each comment is an <article id="comment-<id>"> whose header line (id "comment-<id>-by")
 * names its writer. A match before the first comment is in the article itself.
 */
export function commentMatches(result: LocatedResult): CommentMatch[] {
  const anchors = [...result.anchors].sort((a, b) => a.location - b.location);
  const comments = anchors.filter((a) => a.element === 'article' && COMMENT_ID.test(a.id));
  const base = result.url.split('#')[0] ?? result.url;
  const found = new Map<string, CommentMatch>();
  for (const location of [...result.locations].sort((a, b) => a - b)) {
    const comment = comments.findLast((c) => c.location <= location);
    if (!comment || found.has(comment.id)) continue;
    const byline = anchors.find((a) => a.id === `${comment.id}-by`);
    found.set(comment.id, {
      url: `${base}#${comment.id}`,
      author: (byline?.text ?? '').replace(/\s+/g, ' ').trim(),
    });
  }
  return [...found.values()];
}
