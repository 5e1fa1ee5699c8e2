/** Site paths of the newsletter; the one place they are spelled out. */
export const newsletterPaths = {
  /** The archive of issues. */
  archive: '/newsletter/',
  /** Full-content feed of the issues, for RSS-to-e-mail services. */
  feed: '/newsletter/rss.xml',
  /** One issue as a web page; `key` is the first day of its week, yyyy-mm-dd. */
  issue: (key: string) => `/newsletter/${key}/`,
  /** One issue as a ready-to-send HTML e-mail. */
  email: (key: string) => `/newsletter/${key}/email.html`,
  /** One issue as a plain-text e-mail. */
  text: (key: string) => `/newsletter/${key}/email.txt`,
};
