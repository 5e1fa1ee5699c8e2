import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { twemojiDir } from '../../src/lib/cards/emoji.ts';
import { loadFontRegistry } from '../../src/lib/cards/fonts.ts';
import { cardCacheDir, drawCards, generateCards, placeCards } from '../../src/lib/cards/generate.ts';
import { pngSize } from '../../src/lib/cards/png.ts';
import { drawerCount, drawerEnv, renderOnPool } from '../../src/lib/cards/pool.ts';
import { type CardSpec, engineVersion, prepareCard } from '../../src/lib/cards/prepare.ts';
import { CARD_HEIGHT, CARD_WIDTH } from '../../src/lib/cards/size.ts';
import { paths } from '../../src/lib/urls.ts';

const root = mkdtempSync(path.join(tmpdir(), 'cards-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const ctx = { registry: loadFontRegistry(), twemojiDir: twemojiDir(), publicDir: 'public', engine: engineVersion() };

const article = (slug: string, title: string): CardSpec => ({
  kind: 'article',
  path: paths.card('article', slug),
  source: `content/articles/${slug}.md`,
  content: { kind: 'article', siteName: 'Backchannel', title, byline: ['Joe Panettieri', 'July 14, 2010'], tags: ['MSP'] },
});

describe('card cache', () => {
  const cacheDir = path.join(root, 'cache');
  const run = (specs: CardSpec[], out: string, warnings: string[] = []) =>
    generateCards({ specs, outDir: path.join(root, out), cacheDir, ctx, warn: (m) => warnings.push(m), workers: 2 });

  test('the first build renders every card on the worker pool and the second copies them all', async () => {
    const specs = [article('a', 'First title'), article('b', 'Second title'), article('c', 'Third title')];
    const cold = await run(specs, 'cold');
    expect(cold).toMatchObject({ total: 3, rendered: 3, cached: 0 });
    const warm = await run(specs, 'warm');
    expect(warm).toMatchObject({ total: 3, rendered: 0, cached: 3 });
    for (const s of specs) {
      expect(readFileSync(path.join(root, 'warm', s.path)).equals(readFileSync(path.join(root, 'cold', s.path)))).toBe(true);
    }
  });

  test('a changed title re-renders that card only', async () => {
    const specs = [article('a', 'First title'), article('b', 'Second title, revised'), article('c', 'Third title')];
    expect(await run(specs, 'changed')).toMatchObject({ total: 3, rendered: 1, cached: 2 });
  });

  test('a character no font can draw is a warning naming the article and the character', async () => {
    const warnings: string[] = [];
    await run([article('odd', 'Odd \u{F0001} glyph')], 'odd', warnings);
    expect(warnings).toMatchInlineSnapshot(`
      [
        "content/articles/odd.md: the social card /og/articles/odd.png has characters no card font can draw, shown as boxes: U+F0001 "󰀁". Add a font for them in src/lib/cards/fonts.ts, or change the text.",
      ]
    `);
  });

  test('the cache folder is CARD_CACHE_DIR, or node_modules/.cache/backchannel-cards', () => {
    expect(cardCacheDir({ CARD_CACHE_DIR: '/tmp/x' }, '/site')).toBe('/tmp/x');
    expect(cardCacheDir({}, '/site')).toBe('/site/node_modules/.cache/backchannel-cards');
  });

  test('cards drawn before the output folder exists are placed later, and a pool told to grow mid-run still draws every card', async () => {
    const specs = [article('g1', 'Grown one'), article('g2', 'Grown two'), article('g3', 'Grown three'), article('g4', 'Grown four')];
    const count = drawerCount(1);
    const drawing = drawCards({ specs, cacheDir: path.join(root, 'early-cache'), ctx, warn: () => {}, workers: count });
    count.set(2);
    const drawn = await drawing;
    expect(drawn.stats).toMatchObject({ total: 4, rendered: 4, cached: 0 });
    placeCards(drawn, path.join(root, 'late'));
    for (const c of drawn.cards)
      expect(readFileSync(path.join(root, 'late', c.spec.path)).equals(readFileSync(drawn.cached(c)))).toBe(true);
  });

  test('a pool told to shrink mid-run finishes every card on the drawers left, and the drawers wrote whole PNGs', async () => {
    // Two drawers take four jobs each; the second is then parked with the rest still to draw.
    const specs = Array.from({ length: 12 }, (_, i) => article(`s${i}`, `Shrunk number ${i}`));
    const count = drawerCount(2);
    const cacheDir = path.join(root, 'shrink-cache');
    const drawing = drawCards({ specs, cacheDir, ctx, warn: () => {}, workers: count });
    count.set(1);
    const drawn = await drawing;
    expect(drawn.stats).toMatchObject({ total: 12, rendered: 12, cached: 0 });
    for (const c of drawn.cards) expect(pngSize(readFileSync(drawn.cached(c)))).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
    // Nothing half-written is left beside them.
    expect(readdirSync(cacheDir).filter((f) => !f.endsWith('.png'))).toEqual([]);
  });

  test('a pool shrunk, then grown again, resumes its parked drawer and draws every card', async () => {
    const specs = Array.from({ length: 14 }, (_, i) => article(`r${i}`, `Resumed number ${i}`));
    const count = drawerCount(2);
    const drawing = drawCards({ specs, cacheDir: path.join(root, 'resume-cache'), ctx, warn: () => {}, workers: count });
    count.set(1);
    setTimeout(() => count.set(2), 50);
    expect((await drawing).stats).toMatchObject({ total: 14, rendered: 14 });
  });

  test('a drawer count is at least one and changes only when set to another value', () => {
    const count = drawerCount(0);
    const seen: number[] = [];
    count.subscribe(() => seen.push(count.now));
    expect(count.now).toBe(1);
    count.set(1);
    count.set(3);
    count.set(3);
    count.set(-2);
    expect(seen).toEqual([3, 1]);
  });

  test('a pool whose count never grows still finishes on the drawer it has', async () => {
    const drawn = await drawCards({
      specs: [article('n1', 'Never grown')],
      cacheDir: path.join(root, 'never-cache'),
      ctx,
      warn: () => {},
      workers: drawerCount(1),
    });
    expect(drawn.stats).toMatchObject({ total: 1, rendered: 1 });
  });

  test('a card the drawer cannot write fails the run with the file and the reason', async () => {
    const card = prepareCard(article('w1', 'Nowhere to go'), ctx);
    const file = path.join(root, 'no-such-folder', 'w1.png');
    await expect(renderOnPool([{ job: card.job, file }], () => {}, 1)).rejects.toThrow(
      new RegExp(`drawing card 0 into ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} failed: .*ENOENT`),
    );
  });
});

test('drawers keep the memory resvg frees (MIMALLOC_PURGE_DELAY=-1) unless the user chose otherwise', () => {
  expect(drawerEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', MIMALLOC_PURGE_DELAY: '-1' });
  expect(drawerEnv({ MIMALLOC_PURGE_DELAY: '10' }).MIMALLOC_PURGE_DELAY).toBe('10');
});
