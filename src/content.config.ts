import { defineCollection } from 'astro:content';
import { corpusLoader } from './loaders/corpus.ts';

// Schemas live in src/lib/content/schema.ts and run inside the loaders, across all files at
// once, so that every problem is reported in one run (Astro's per-entry validation stops at the
// first). The collections carry the validated model; src/data/site.ts gives it its types.
export const collections = {
  articles: defineCollection({ loader: corpusLoader('articles') }),
  authors: defineCollection({ loader: corpusLoader('authors') }),
  pages: defineCollection({ loader: corpusLoader('pages') }),
  comments: defineCollection({ loader: corpusLoader('comments') }),
};
