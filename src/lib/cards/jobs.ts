import { formatDisplayDate } from '../dates.ts';
import type { SiteModel } from '../site.ts';
import { paths } from '../urls.ts';
import { plural } from '../words.ts';
import type { CardSpec } from './prepare.ts';

/**
 * Every card the site links to: one per published article, author and tag, and the site card
 * for the home page and every other page. Takes the site model, so cards follow the same
 * publish rule as listings and feeds: a draft or scheduled article gets no card.
 */
export function cardSpecs(site: SiteModel): CardSpec[] {
  const { config } = site;
  const specs: CardSpec[] = [
    {
      kind: 'site',
      path: paths.card('site'),
      source: 'src/site.config.ts',
      content: { kind: 'site', siteName: config.title, title: config.tagline, byline: [new URL(config.url).host], tags: [] },
    },
  ];
  for (const a of site.articles) {
    const author = site.author(a.author);
    specs.push({
      kind: 'article',
      path: paths.card('article', a.slug),
      source: a.file,
      content: {
        kind: 'article',
        siteName: config.title,
        title: a.title,
        byline: [author?.name ?? a.author, formatDisplayDate(a.date, config.timeZone, config.language)],
        tags: a.tags.slice(0, 3),
      },
      image: a.image,
    });
  }
  for (const au of site.authors) {
    specs.push({
      kind: 'author',
      path: paths.card('author', au.id),
      source: au.file,
      content: {
        kind: 'author',
        siteName: config.title,
        label: 'Author',
        title: au.name,
        byline: [...(au.title ? [au.title] : []), plural(site.articlesBy(au.id).length, 'article')],
        tags: [],
      },
    });
  }
  for (const t of site.tags) {
    specs.push({
      kind: 'tag',
      path: paths.card('tag', t.segment),
      source: `tag "${t.name}"`,
      content: {
        kind: 'tag',
        siteName: config.title,
        label: 'Tag',
        title: t.name,
        byline: [plural(t.articles.length, 'article')],
        tags: [],
      },
    });
  }
  return specs;
}
