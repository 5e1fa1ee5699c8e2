/** Words the site and its tools print, each spelled in one place. */

/** "1 comment", "3 comments", "0 articles": a count with its noun, English plural by default. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Titles of the topic feeds: the channel title, the <link rel="alternate"> title and the visible link. */
export const feedTitles = {
  /** Channel title of a tag's feed: "Backchannel: MSP". */
  tag: (siteTitle: string, tagName: string) => `${siteTitle}: ${tagName}`,
  /** Channel title of an author's feed: "Backchannel: Joe Panettieri". */
  author: (siteTitle: string, authorName: string) => `${siteTitle}: ${authorName}`,
  /** How a feed is named where it is linked (head and page): its title and "(RSS)". */
  link: (channelTitle: string) => `${channelTitle} (RSS)`,
};
