import { describe, expect, test } from 'vitest';
import { cardCacheDir } from '../../src/lib/cards/generate.ts';
import { contentDir, ENV_KEYS, parseEnv } from '../../src/lib/env.ts';
import { searchCacheDir } from '../../src/lib/search/index-site.ts';

describe('the build environment', () => {
  test('unset or empty variables take their defaults, relative to the project', () => {
    for (const env of [{}, Object.fromEntries(ENV_KEYS.map((k) => [k, '']))]) {
      const e = parseEnv(env, '/site');
      expect({ ...e, now: undefined }).toEqual({
        contentDir: '/site/content',
        publicDir: '/site/public',
        now: undefined,
        cards: true,
        digests: true,
        cardCacheDir: '/site/node_modules/.cache/backchannel-cards',
        searchCacheDir: '/site/node_modules/.cache/backchannel-search',
      });
      expect(Math.abs(e.now.getTime() - Date.now())).toBeLessThan(5000);
    }
  });

  test('set variables are read and resolved', () => {
    const e = parseEnv(
      {
        CONTENT_DIR: 'corpus',
        BUILD_NOW: '2011-01-01T00:00:00-05:00',
        CARDS: 'off',
        DIGESTS: 'off',
        CARD_CACHE_DIR: '/c',
        SEARCH_CACHE_DIR: 's',
      },
      '/site',
    );
    expect(e).toEqual({
      contentDir: '/site/corpus',
      publicDir: '/site/public',
      now: new Date('2011-01-01T05:00:00Z'),
      cards: false,
      digests: false,
      cardCacheDir: '/c',
      searchCacheDir: '/site/s',
    });
    expect(parseEnv({ CARDS: 'on' }, '/site').cards).toBe(true);
  });

  test('CARDS=0 is an error that says what to write instead, not a silent "on"', () => {
    expect(() => parseEnv({ CARDS: '0' }, '/site')).toThrowErrorMatchingInlineSnapshot(`
      [EnvError: The environment has 1 problem:
        - CARDS=0: use CARDS=off to skip the social cards, or leave CARDS unset (or on) to draw them]
    `);
  });

  test('every problem is reported at once', () => {
    expect(() => parseEnv({ CARDS: 'false', BUILD_NOW: 'yesterday' }, '/site')).toThrowErrorMatchingInlineSnapshot(`
      [EnvError: The environment has 2 problems:
        - BUILD_NOW=yesterday: write an ISO 8601 instant with its offset, like 2011-01-01T00:00:00Z, or leave BUILD_NOW unset for the current time
        - CARDS=false: use CARDS=off to skip the social cards, or leave CARDS unset (or on) to draw them]
    `);
    expect(() => parseEnv({ BUILD_NOW: 'yesterday' }, '/site')).toThrowErrorMatchingInlineSnapshot(`
      [EnvError: The environment has 1 problem:
        - BUILD_NOW=yesterday: write an ISO 8601 instant with its offset, like 2011-01-01T00:00:00Z, or leave BUILD_NOW unset for the current time]
    `);
  });

  test('the helpers of the author tools and caches read the same rules', () => {
    expect(contentDir({ CONTENT_DIR: 'x' }, '/site')).toBe('/site/x');
    // The author tools need only CONTENT_DIR: a bad CARDS does not stop `npm run check`.
    expect(contentDir({ CARDS: '0' }, '/site')).toBe('/site/content');
    expect(cardCacheDir({ CARD_CACHE_DIR: '/tmp/x' }, '/site')).toBe('/tmp/x');
    expect(searchCacheDir({ SEARCH_CACHE_DIR: 'cache' }, '/site')).toBe('/site/cache');
  });
});
