import { parseSiteConfig, readSiteSettings } from './lib/config.ts';
import { contentDir } from './lib/env.ts';

/**
 * The site's settings. Field meanings and defaults: src/lib/config.ts. A `site.yml` in the
 * content folder (written by the importers, or by hand) overrides the fields it sets: title,
 * tagline, url, language, timeZone, permalink, defaultAuthor.
 */
export const site = parseSiteConfig({
  title: 'Backchannel',
  tagline: 'Commentary on IT vendors, partner programs, MSPs, VARs and the people who run them.',
  url: 'https://backchannel.example.com',
  language: 'en-US',
  timeZone: 'America/New_York',
  permalink: '/:year/:month/:day/:slug/',
  pageSize: 10,
  commentDepth: 5,
  feedSize: 50,
  defaultAuthor: 'joe-panettieri',
  social: [
    { label: 'RSS', href: '/rss.xml' },
    { label: 'LinkedIn', href: 'https://www.linkedin.com/' },
    { label: 'Mastodon', href: 'https://mastodon.social/' },
  ],
  newsletter: {
    heading: 'Stay in the channel',
    text: 'Get the weekly newsletter with every column, the best reader comments and upcoming partner events. Or follow along by RSS.',
  },
  ...readSiteSettings(contentDir()),
});
