import { describe, expect, test } from 'vitest';
import { parseMarkdownFile } from '../../src/lib/content/parse.ts';
import { articleSchema } from '../../src/lib/content/schema.ts';
import { parseCommandLine } from '../../src/lib/tools/cli.ts';
import { type NewArticleContext, newArticleArgs, newArticleOptions, planNewArticle } from '../../src/lib/tools/new-article.ts';

const TZ = 'America/New_York';
const ctx: NewArticleContext = {
  timeZone: TZ,
  permalink: '/:year/:month/:day/:slug/',
  siteUrl: 'https://backchannel.example.com',
  defaultAuthor: 'joe-panettieri',
  authorIds: ['joe-panettieri', 'maria-delgado'],
  articleSlugs: ['partner-programs-in-2027', 'partner-programs-in-2027-2'],
  now: new Date('2026-11-27T20:04:31.500Z'),
};
const args = (...argv: string[]) => parseCommandLine(argv, newArticleOptions, newArticleArgs);

describe('npm run new', () => {
  test('writes valid front matter: slug from the title, now in the site zone with its offset, default author', () => {
    const a = planNewArticle(args('Microsoft’s Q3 Plans: Partners & MSPs', '--tags', 'Microsoft, MSP ,'), ctx);
    expect(a.file.path).toBe('articles/microsofts-q3-plans-partners-and-msps.md');
    const { data, body } = parseMarkdownFile(a.file.text);
    expect(data).toEqual({
      title: 'Microsoft’s Q3 Plans: Partners & MSPs',
      date: '2026-11-27T15:04:00-05:00',
      author: 'joe-panettieri',
      tags: ['Microsoft', 'MSP'],
    });
    expect(articleSchema(TZ).safeParse(data).success).toBe(true);
    expect(body.trim()).not.toBe('');
    expect(a.url).toBe('https://backchannel.example.com/2026/11/27/microsofts-q3-plans-partners-and-msps/');
  });

  test('a taken slug gets the next free number', () => {
    expect(planNewArticle(args('Partner Programs in 2027'), ctx).slug).toBe('partner-programs-in-2027-3');
  });

  test('--date is read in the site zone, --draft and --author are written', () => {
    const a = planNewArticle(args('Summer', '--date', '2026-07-04T09:30', '--draft', '--author', 'maria-delgado'), ctx);
    expect(parseMarkdownFile(a.file.text).data).toMatchObject({ date: '2026-07-04T09:30:00-04:00', draft: true, author: 'maria-delgado' });
    expect(a.url).toContain('/2026/07/04/summer/');
  });

  test('an unknown author is refused with the list of known ids', () => {
    expect(() => planNewArticle(args('X', '--author', 'bob'), ctx)).toThrowErrorMatchingInlineSnapshot(
      `[ToolError: author "bob" is not a file in content/authors/; known authors: joe-panettieri, maria-delgado]`,
    );
  });

  test('an existing --slug is refused without --force and replaced with it', () => {
    expect(() => planNewArticle(args('X', '--slug', 'partner-programs-in-2027'), ctx)).toThrow(/already exists.*--force/);
    expect(planNewArticle(args('X', '--slug', 'partner-programs-in-2027', '--force'), ctx).file.path).toBe(
      'articles/partner-programs-in-2027.md',
    );
  });

  test('argument mistakes name the option', () => {
    expect(() => args()).toThrowErrorMatchingInlineSnapshot(
      `[UsageError: argument: give exactly one title, in quotes: npm run new -- "Partner programs in 2027"]`,
    );
    expect(() => args('T', '--colour', 'red')).toThrowErrorMatchingInlineSnapshot(`[UsageError: Unknown option '--colour']`);
    expect(() => args('T', '--slug', 'Not A Slug')).toThrowErrorMatchingInlineSnapshot(
      `[UsageError: --slug: must be lowercase letters, digits and hyphens, like partner-programs-2027]`,
    );
    expect(() => planNewArticle(args('T', '--date', '2026-02-30'), ctx)).toThrow(/--date: must be an ISO 8601 date/);
    expect(() => planNewArticle(args('日本'), ctx)).toThrow(/--slug/);
  });

  test('a 300-character --slug or a 2,000-character tag is an error before any file is named', () => {
    expect(() => args('T', '--slug', 'a'.repeat(300))).toThrowErrorMatchingInlineSnapshot(
      `[UsageError: --slug: must be at most 100 characters (it becomes a file name and a URL)]`,
    );
    expect(() => planNewArticle(args('T', '--tags', 't'.repeat(2000)), ctx)).toThrowErrorMatchingInlineSnapshot(`
      [ToolError: the new article would be invalid:
        - tags.0: is longer than 60 characters; shorten it]
    `);
  });

  test('messages name the content folder in use (CONTENT_DIR), not content/', () => {
    const elsewhere = { ...ctx, contentLabel: '/srv/blog-content' };
    expect(() => planNewArticle(args('X', '--author', 'bob'), elsewhere)).toThrow(
      'author "bob" is not a file in /srv/blog-content/authors/',
    );
    expect(() => planNewArticle(args('X', '--slug', 'partner-programs-in-2027'), elsewhere)).toThrow(
      '/srv/blog-content/articles/partner-programs-in-2027.md already exists',
    );
  });
});
