/**
 * Apostrophes as the search index and the search box should see them. Pagefind's English stemmer
 * strips a possessive "'s" only with the ASCII apostrophe, so "Huntress’s" (the typographic one
 * the site's Markdown produces) was indexed as a word of its own, "huntress’", that a search for
 * "Huntress" did not reliably find (2,730 of 3,203 articles at 10,000), and that split the index
 * into extra chunks a browser had to fetch. A phone keyboard types ’ in the search box too.
 */
const APOSTROPHES = /[\u2019\u02bc]/g;

/** `text` with typographic apostrophes (’, ʼ) as ASCII ones. */
export function plainApostrophes(text: string): string {
  return text.replace(APOSTROPHES, "'");
}
