import { describe, expect, test } from 'vitest';
import { parseSiteConfig } from '../../src/lib/config.ts';

const minimal = { title: 'Backchannel', url: 'https://backchannel.example.com/' };

describe('parseSiteConfig', () => {
  test('fills defaults and trims the trailing slash of the URL', () => {
    const c = parseSiteConfig(minimal);
    expect(c).toMatchObject({
      url: 'https://backchannel.example.com',
      timeZone: 'America/New_York',
      permalink: '/:year/:month/:day/:slug/',
      language: 'en-US',
      pageSize: 10,
      commentDepth: 5,
    });
  });

  test('the project’s own config is valid', async () => {
    const { site } = await import('../../src/site.config.ts');
    expect(site.timeZone).toBe('America/New_York');
  });

  test('rejects a time zone that is not IANA, naming the field', () => {
    expect(() => parseSiteConfig({ ...minimal, timeZone: 'Eastern Time' })).toThrowErrorMatchingInlineSnapshot(`
      [Error: src/site.config.ts: invalid site configuration.
        - timeZone: must be an IANA time zone like America/New_York]
    `);
  });

  test('rejects a permalink pattern that does not end in :slug/, naming the field', () => {
    expect(() => parseSiteConfig({ ...minimal, permalink: '/:year/:title' })).toThrowErrorMatchingInlineSnapshot(`
      [Error: src/site.config.ts: invalid site configuration.
        - permalink: must look like /:year/:month/:day/:slug/ (tokens :year :month :day, ending in :slug/)]
    `);
  });

  test.each(['/:year/:month/:day/', ':slug/', '/:year/:slug', '/../:slug/', '/:hour/:slug/'])('rejects the permalink %j', (permalink) => {
    expect(() => parseSiteConfig({ ...minimal, permalink })).toThrow(/permalink: must look like/);
  });

  test.each(['/:slug/', '/:year/:slug/', '/blog/:year/:month/:slug/'])('accepts the permalink %j', (permalink) => {
    expect(parseSiteConfig({ ...minimal, permalink }).permalink).toBe(permalink);
  });

  test('every URL field follows the one http(s) rule of src/lib/urls.ts: a space or an overlong URL is refused', () => {
    const long = `https://example.com/${'a'.repeat(2_000)}`;
    expect(() =>
      parseSiteConfig({
        ...minimal,
        url: 'https://example.com/a b',
        social: [{ label: 'Long', href: long }],
        commentForm: { action: 'https:\\evil.example/post' },
        newsletter: { heading: 'Follow', text: 'Weekly.', signup: { action: 'https://mail.example.com/a b' } },
      }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [Error: src/site.config.ts: invalid site configuration.
        - url: must be an http:// or https:// URL
        - social.0.href: Invalid input
        - newsletter.signup.action: must be an http:// or https:// URL
        - commentForm.action: must be an http:// or https:// URL]
    `);
    // The same rule accepts what WordPress and hosts write, in either case.
    expect(parseSiteConfig({ ...minimal, url: 'HTTP://LOCALHOST:4321/' }).url).toBe('HTTP://LOCALHOST:4321');
  });

  test('rejects an unknown field, naming it', () => {
    expect(() => parseSiteConfig({ ...minimal, titel: 'x' })).toThrowErrorMatchingInlineSnapshot(`
      [Error: src/site.config.ts: invalid site configuration.
        - titel: unknown field; check its spelling or remove it]
    `);
  });

  test('lists every bad field at once and names the config file', () => {
    expect(() => parseSiteConfig({ title: '', url: 'ftp://x', pageSize: 0 }, 'my.config.ts')).toThrowErrorMatchingInlineSnapshot(`
      [Error: my.config.ts: invalid site configuration.
        - title: Too small: expected string to have >=1 characters
        - url: must be an http:// or https:// URL
        - pageSize: Too small: expected number to be >=1]
    `);
  });
});
