import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { indexSite } from '../../src/lib/search/index-site.ts';
import { commentMatches } from '../../src/lib/search/matches.ts';
import { astroBuild, OUTPUT, writeContent } from '../support/astro-build.ts';
import { page } from '../support/html.ts';
import { openSearchIndex, type SearchIndex } from '../support/pagefind.ts';

// Builds a small site with `astro build`, as `npm run build` does, then searches the index it
// wrote with Pagefind's own browser library, so the assertions are about what readers can find.

const dist = path.join(OUTPUT, 'unit-search');

const author = (name: string) => `---\nname: ${name}\n---\n\nWrites here.\n`;
const article = (fm: Record<string, string | string[]>, body: string) =>
  `---\n${Object.entries(fm)
    .map(([k, v]) => (Array.isArray(v) ? `${k}:\n${v.map((x) => `  - ${x}`).join('\n')}` : `${k}: ${v}`))
    .join('\n')}\n---\n\n${body}\n`;

const QUASAR = '/2024/05/02/quasar-routing/';
const PELICAN = '/2023/03/01/pelican-ledger/';
const INJECTION = '/2022/01/10/fish-and-chips/';
const COMMENT_ID = 'comment-2023-03-02t0900-reader';

const content = {
  'authors/ada.md': author('Ada Quill'),
  'authors/ben.md': author('Ben Ortiz'),
  'pages/about.md': '---\ntitle: About\ndescription: About the fixture.\n---\n\nThe aboutpageword lives only on the about page.\n',
  'articles/quasar-routing.md': article(
    { title: 'Quasar Routing', date: '2024-05-02T09:00:00-04:00', author: 'ada', tags: ['Networking', 'MSP'], description: 'Routing.' },
    'Routers and their zephyrine habits.',
  ),
  'articles/pelican-ledger.md': article(
    { title: 'Pelican Ledger', date: '2023-03-01T09:00:00-05:00', author: 'ben', tags: ['MSP'], description: 'Ledgers.' },
    'A ledger that mentions quasar once, deep in the body.',
  ),
  'articles/fish-and-chips.md': article(
    {
      title: '\'Fish & "Chips" <script>alert(1)</script>\'',
      date: '2022-01-10T09:00:00-05:00',
      author: 'ada',
      tags: ['Food'],
      description: 'Food.',
    },
    'Batter and vinegar.',
  ),
  'articles/draft.md': article(
    { title: 'Draft', date: '2024-01-01T09:00:00-05:00', author: 'ada', draft: 'true', description: 'Draft.' },
    'The draftonlyword is unpublished.',
  ),
  'articles/scheduled.md': article(
    { title: 'Scheduled', date: '2030-01-01T09:00:00-05:00', author: 'ada', description: 'Later.' },
    'The scheduledword is not out yet.',
  ),
  [`comments/pelican-ledger/${COMMENT_ID.slice('comment-'.length)}.md`]:
    '---\nauthor: Rita Reader\naffiliation: Acme MSP\ndate: 2023-03-02T09:00:00-05:00\n---\n\nWhat a flibbertigibbet of a ledger.\n',
};

let index: SearchIndex;
/** The fixture build's log, without colour codes (CI's build colours it). */
let buildOutput = '';
const urls = async (term: string | null, options?: Record<string, unknown>) => (await index.search(term, options)).map((r) => r.url);

beforeAll(async () => {
  // Every page rendered (--force) and no earlier index: the whole index is begun as the pages render.
  const r = astroBuild({
    outDir: dist,
    contentDir: writeContent(content),
    force: true,
    env: { SEARCH_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'search-fixture-cache-')) },
  });
  if (r.status !== 0) throw new Error(`search fixture build failed:\n${r.output}`);
  buildOutput = stripVTControlCharacters(r.output);
  index = await openSearchIndex(dist);
}, 120_000);

afterAll(async () => {
  await index?.close();
});

describe('what the index holds', () => {
  test('the build renders the articles first and begins the index while the other pages render', () => {
    // Astro logs each file as it starts it; several render at once, so a line may hold several.
    const rendered = [...buildOutput.matchAll(/[├└]─ (\/\S*?\.(?:html|xml|txt))/g)].map((m) => m[1] as string);
    const articles = rendered.filter((p) => /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(p));
    expect(articles).toHaveLength(3);
    expect(rendered.slice(0, 3)).toEqual(articles);
    expect(buildOutput).toMatch(/Indexed 3 of 3 pages \(whole index: [^)]*\) in [\d.]+ s \([^)]*\), begun while the other pages rendered/);
  });

  test('the build writes the Pagefind bundle into its --outDir', () => {
    expect(existsSync(path.join(dist, 'pagefind/pagefind.js'))).toBe(true);
    expect(readdirSync(path.join(dist, 'pagefind/fragment'))).toHaveLength(3);
  });

  test('holds the published articles and nothing else', async () => {
    const entry = JSON.parse(readFileSync(path.join(dist, 'pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(Object.values(entry.languages).map((l) => l.page_count)).toEqual([3]);
    expect((await urls(null)).sort()).toEqual([INJECTION, PELICAN, QUASAR].sort());
  });

  test('finds an article by a word of its body', async () => {
    expect(await urls('zephyrine')).toEqual([QUASAR]);
  });

  test('an article is indexed as its title, tags and body: no navigation, byline, dates, follow block or related articles', async () => {
    // Quasar's page also shows Pelican (older, related), the newsletter block, the main navigation
    // and the footer; none of it may be searchable as Quasar's text.
    const [hit] = await index.search('zephyrine');
    expect(hit?.content).toBe('Quasar Routing. Networking MSP Routers and their zephyrine habits.');
  });

  test('comments are indexed after the body as writer and text, without dates, counts or the feed link', async () => {
    const [hit] = await index.search('flibbertigibbet');
    expect(hit?.content).toBe(
      'Pelican Ledger. MSP A ledger that mentions quasar once, deep in the body. Rita Reader, Acme MSP What a flibbertigibbet of a ledger.',
    );
  });

  test('the title is weighted highest and comments lowest', () => {
    const doc = page(dist, PELICAN);
    expect(doc.querySelector('h1')?.getAttribute('data-pagefind-weight')).toBe('10');
    const bodies = doc.querySelectorAll('[data-pagefind-body]');
    expect(bodies.map((b) => b.getAttribute('data-pagefind-weight'))).toEqual([undefined, '0.5']);
    expect(bodies[1]?.querySelector(`#${COMMENT_ID}`)).not.toBeNull();
  });

  test('listing, tag, author, archive and other pages carry no data-pagefind-body', () => {
    for (const p of ['/', '/tags/', '/tags/msp/', '/authors/ada/', '/archive/', '/archive/2023/', '/about/', '/search/']) {
      expect(page(dist, p).querySelectorAll('[data-pagefind-body]'), p).toHaveLength(0);
    }
  });
});

describe('comments', () => {
  test('a word only a reader wrote finds the article, located in that comment', async () => {
    const [hit, ...rest] = await index.search('flibbertigibbet');
    expect(rest).toEqual([]);
    expect(hit?.url).toBe(PELICAN);
    expect(commentMatches(hit as NonNullable<typeof hit>)).toEqual([{ url: `${PELICAN}#${COMMENT_ID}`, author: 'Rita Reader, Acme MSP' }]);
  });

  test('a word in both body and comment reports the comment; a word of the body alone reports none', async () => {
    const [hit] = await index.search('ledger', { sort: { date: 'desc' } });
    expect(hit?.url).toBe(PELICAN);
    expect(commentMatches(hit as NonNullable<typeof hit>)).toEqual([{ url: `${PELICAN}#${COMMENT_ID}`, author: 'Rita Reader, Acme MSP' }]);
    const [body] = await index.search('vinegar');
    expect(commentMatches(body as NonNullable<typeof body>)).toEqual([]);
  });
});

describe('ranking, filters and sorting', () => {
  test('a title word outranks the same word in an older body by relevance', async () => {
    expect(await urls('quasar')).toEqual([QUASAR, PELICAN]);
  });

  test('newest first when sorted by date', async () => {
    expect(await urls(null, { sort: { date: 'desc' } })).toEqual([QUASAR, PELICAN, INJECTION]);
    expect(await urls(null, { sort: { date: 'asc' } })).toEqual([INJECTION, PELICAN, QUASAR]);
  });

  test('filters by tag segment, author id and year, with counts', async () => {
    expect(await index.filters()).toEqual({
      tag: { food: 1, msp: 2, networking: 1 },
      author: { ada: 2, ben: 1 },
      year: { '2022': 1, '2023': 1, '2024': 1 },
    });
    expect(await urls('quasar', { filters: { tag: 'networking' } })).toEqual([QUASAR]);
    expect(await urls(null, { filters: { author: 'ben' } })).toEqual([PELICAN]);
    expect(await urls(null, { filters: { year: '2022' } })).toEqual([INJECTION]);
  });

  test('results carry title, date, author and card image', async () => {
    const [hit] = await index.search('zephyrine');
    expect(hit?.meta).toEqual({
      title: 'Quasar Routing',
      date: '2024-05-02T09:00:00-04:00',
      date_label: 'May 2, 2024',
      author: 'Ada Quill',
      image: '/og/articles/quasar-routing.png',
    });
  });

  test('metadata keeps quotes, ampersands and angle brackets exactly as written', async () => {
    const [hit] = await index.search('vinegar');
    expect(hit?.meta.title).toBe('Fish & "Chips" <script>alert(1)</script>');
  });
});

describe('indexSite', () => {
  test('fails, naming the folder, when there is no build to index', async () => {
    await expect(indexSite(path.join(OUTPUT, 'no-such-build'))).rejects.toThrow(
      /^\[search\] Cannot index .*no-such-build: the folder does not exist\.$/,
    );
  });

  test('reports the pages it read and the bundle it wrote', async () => {
    const report = await indexSite(dist);
    const html = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    expect(report.read).toBe(html.length);
    expect(report.indexed).toBe(3);
    const bundle = readdirSync(path.join(dist, 'pagefind'), { recursive: true, encoding: 'utf8' }).map((f) =>
      path.join(dist, 'pagefind', f),
    );
    const files = bundle.filter((f) => statSync(f).isFile());
    expect(report.files).toBe(files.length);
    expect(report.bytes).toBe(files.reduce((sum, f) => sum + statSync(f).size, 0));
    const { feedMs, writeMs } = report.phases ?? { feedMs: -1, writeMs: -1 };
    expect(feedMs).toBeGreaterThan(0);
    expect(writeMs).toBeGreaterThan(0);
    expect(feedMs + writeMs).toBeLessThanOrEqual(report.milliseconds);
  });
});
