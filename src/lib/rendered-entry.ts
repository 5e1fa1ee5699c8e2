/** A content-layer entry as the corpus loader stores it: validated data and its rendered Markdown. */
export interface StoredEntry {
  id: string;
  data: unknown;
  rendered?: { html: string } | undefined;
}

/**
 * An entry's data with its HTML. The corpus loader renders every entry, so one without HTML is a
 * bug upstream (or a stale content-layer cache): fail naming it, rather than publish an empty body.
 * The data was validated by src/lib/content/schema.ts before it was stored; `T` only restores its type.
 */
export function withRenderedHtml<T>(collection: string, entry: StoredEntry): T & { html: string } {
  if (entry.rendered === undefined) {
    throw new Error(
      `${collection} "${entry.id}" reached the site without rendered HTML (src/loaders/corpus.ts renders every entry; ` +
        'if the loader is unchanged, delete node_modules/.astro and build again)',
    );
  }
  return { ...(entry.data as T), html: entry.rendered.html };
}
