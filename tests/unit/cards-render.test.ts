import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import satori from 'satori';
import { describe, expect, test } from 'vitest';
import { twemojiDir } from '../../src/lib/cards/emoji.ts';
import { loadFontRegistry } from '../../src/lib/cards/fonts.ts';
import { encodePng, pngSize } from '../../src/lib/cards/png.ts';
import { type CardSpec, engineVersion, prepareCard } from '../../src/lib/cards/prepare.ts';
import { renderCard } from '../../src/lib/cards/render.ts';
import { CARD_HEIGHT, CARD_WIDTH } from '../../src/lib/cards/size.ts';
import { cardTree, titleLayout } from '../../src/lib/cards/template.ts';

const ctx = { registry: loadFontRegistry(), twemojiDir: twemojiDir(), publicDir: 'public', engine: engineVersion() };

function spec(title: string, extra: Partial<CardSpec['content']> = {}): CardSpec {
  return {
    kind: 'article',
    path: '/og/articles/x.png',
    source: 'content/articles/x.md',
    content: {
      kind: 'article',
      siteName: 'Backchannel',
      title,
      byline: ['Joe Panettieri', 'July 14, 2010'],
      tags: ['MSP', 'Cloud', 'Partner programs'],
      ...extra,
    },
  };
}

describe('rendering', () => {
  test('a card is a 1200×630 PNG', async () => {
    const { png } = await renderCard(prepareCard(spec('Microsoft channel chief concedes'), ctx).job);
    expect(Buffer.from(png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    expect(pngSize(png)).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
  });

  test('the same inputs give a byte-identical PNG', async () => {
    const a = await renderCard(prepareCard(spec('Déjà vu for VARs'), ctx).job);
    const b = await renderCard(prepareCard(spec('Déjà vu for VARs'), ctx).job);
    expect(Buffer.from(a.png).equals(Buffer.from(b.png))).toBe(true);
    const c = await renderCard(prepareCard(spec('Déjà vu for MSPs'), ctx).job);
    expect(Buffer.from(a.png).equals(Buffer.from(c.png))).toBe(false);
  });

  const scripts: [string, string][] = [
    ['Latin with accents', 'Ça coûte cher: Señor Müller’s Łódź deal'],
    ['Cyrillic', 'Партнёрские программы и облачные рынки'],
    ['Greek', 'Οι συνεργάτες και το κανάλι διανομής'],
    ['Vietnamese', 'Đối tác kênh phân phối và nhà cung cấp dịch vụ'],
    ['Chinese', '微软渠道主管承认：我需要了解托管服务商'],
    ['Japanese', 'マイクロソフトのチャネル責任者、MSPについて学ぶ必要を認める'],
    ['Korean', '마이크로소프트 채널 책임자, MSP에 대해 배워야 한다고 인정'],
    ['Arabic', 'رئيس قنوات مايكروسوفت يعترف: أحتاج إلى التعلم عن مزودي الخدمات'],
    ['Hebrew', 'ראש הערוצים של מיקרוסופט מודה: אני צריך ללמוד על ספקי שירותים'],
    ['emoji', 'Ship it 🚀 partners 👍🏽 ❤️ 🇺🇸 👩‍💻 #️⃣'],
  ];
  test.each(scripts)('a %s title renders with every glyph present', async (_, title) => {
    const card = prepareCard(spec(title, { tags: [title.slice(0, 10)] }), ctx);
    expect(card.missing).toEqual([]);
    const { missing } = await renderCard(card.job);
    expect(missing).toEqual([]);
  });

  test('emoji are drawn as Twemoji pictures', async () => {
    const card = prepareCard(spec('Ship it 🚀'), ctx);
    expect(Object.keys(card.job.emoji)).toEqual(['🚀']);
    const withEmoji = await renderCard(card.job);
    const without = await renderCard({ ...card.job, emoji: {} });
    expect(without.missing).toEqual(['🚀']);
    expect(Buffer.from(withEmoji.png).equals(Buffer.from(without.png))).toBe(false);
  });

  test('a character no font has is reported, not drawn silently', async () => {
    const card = prepareCard(spec('Private use \u{F0000} here'), ctx);
    expect(card.missing).toEqual(['\u{F0000}']);
    expect((await renderCard(card.job)).missing).toEqual(['\u{F0000}']);
  });

  test.each([
    ['a 200-character Latin title', 'The channel '.repeat(17).slice(0, 200)],
    ['a 120-character Chinese title', '渠道合作伙伴计划'.repeat(15)],
    ['a 200-character word', 'x'.repeat(200)],
  ])('%s stays inside the title box in the real layout', async (_, title) => {
    for (const image of [undefined, '/favicon.svg']) {
      const card = prepareCard({ ...spec(title), image }, ctx);
      const layout = titleLayout(card.job.content);
      const fonts = card.job.fonts.map((f) => ({ name: f.name, weight: f.weight, style: 'normal' as const, data: readFileSync(f.file) }));
      let height = Number.NaN;
      let width = Number.NaN;
      const src = image ? `data:image/svg+xml;base64,${readFileSync(`public${image}`).toString('base64')}` : undefined;
      await satori(cardTree(card.job.content, src) as unknown as Parameters<typeof satori>[0], {
        width: CARD_WIDTH,
        height: CARD_HEIGHT,
        fonts,
        onNodeDetected: (node) => {
          if (node.key === 'title') ({ height, width } = node);
        },
      });
      expect(height).toBeLessThanOrEqual(layout.box.height);
      expect(width).toBeLessThanOrEqual(layout.box.width);
      expect(layout.text).toBe(title);
    }
  });
});

describe('pictures the card cannot use', () => {
  test('a public/ picture in a format satori cannot draw is named in a warning, not dropped silently', () => {
    const webp = prepareCard({ ...spec('A title'), image: '/images/stage.webp' }, ctx);
    expect(webp.imageSkipped).toMatch(/^\/images\/stage\.webp is drawn on the page but not on the card/);
    expect(webp.job.content.hasImage).toBe(false);
    const svg = prepareCard({ ...spec('A title'), image: '/favicon.svg' }, ctx);
    expect(svg.imageSkipped).toBeUndefined();
    expect(svg.job.content.hasImage).toBe(true);
  });
});

/** Decodes the PNGs encodePng writes (8-bit, unfiltered rows, RGB or indexed) back to RGBA. */
function decodePng(png: Uint8Array): { width: number; height: number; colourType: number; rgba: Uint8Array } {
  const buf = Buffer.from(png);
  let at = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  let plte = Buffer.alloc(0);
  const idat: Buffer[] = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') [width, height, colourType] = [data.readUInt32BE(0), data.readUInt32BE(4), data[9] as number];
    if (type === 'PLTE') plte = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const bpp = colourType === 3 ? 1 : 3;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * bpp + 1)]).toBe(0);
    for (let x = 0; x < width; x++) {
      const s = y * (width * bpp + 1) + 1 + x * bpp;
      const rgb = colourType === 3 ? plte.subarray((raw[s] as number) * 3, (raw[s] as number) * 3 + 3) : raw.subarray(s, s + 3);
      rgba.set([...rgb, 255], (y * width + x) * 4);
    }
  }
  return { width, height, colourType, rgba };
}

/** Opaque pixels whose colour at (x, y) is colour(x, y) as [r, g, b]. */
function picture(width: number, height: number, colour: (x: number, y: number) => number[]): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgba.set([...colour(x, y), 255], (y * width + x) * 4);
  return rgba;
}

describe('PNG encoding', () => {
  test('a picture of at most 256 colours is stored indexed, with exactly its pixels', () => {
    // 256 colours: the most a palette holds.
    const rgba = picture(64, 40, (x, y) => [(x + 64 * y) % 256, 255 - ((x + 64 * y) % 256), 9]);
    expect(new Set(Array.from({ length: 64 * 40 }, (_, i) => Buffer.from(rgba.subarray(i * 4, i * 4 + 3)).toString('hex'))).size).toBe(256);
    const decoded = decodePng(encodePng(rgba, 64, 40));
    expect(decoded).toMatchObject({ width: 64, height: 40, colourType: 3 });
    expect(Buffer.from(decoded.rgba).equals(Buffer.from(rgba))).toBe(true);
  });

  test('a picture of more than 256 colours is stored as RGB, with exactly its pixels', () => {
    const rgba = picture(300, 3, (x, y) => [x & 255, x >> 8, y]);
    const decoded = decodePng(encodePng(rgba, 300, 3));
    expect(decoded).toMatchObject({ width: 300, height: 3, colourType: 2 });
    expect(Buffer.from(decoded.rgba).equals(Buffer.from(rgba))).toBe(true);
  });

  test('rows repeating the row above (as the background of a card does) keep exactly their pixels', () => {
    // Bands of equal rows, a lone different row inside a band, and a band whose colour differs
    // from the last pixel of the row before it.
    const band = (y: number) => (y < 7 ? [10, 20, 30] : y === 9 ? [200, 0, 0] : y < 15 ? [10, 20, 30] : [40, 50, 60]);
    const rgba = picture(33, 20, (x, y) => (x === 32 && y === 3 ? [1, 2, 3] : band(y)));
    const decoded = decodePng(encodePng(rgba, 33, 20));
    expect(decoded.colourType).toBe(3);
    expect(Buffer.from(decoded.rgba).equals(Buffer.from(rgba))).toBe(true);
  });

  test('pixels that do not start on a 4-byte boundary are read correctly', () => {
    const rgba = picture(5, 2, (x, y) => [x * 50, y * 100, 7]);
    const shifted = new Uint8Array(rgba.length + 1);
    shifted.set(rgba, 1);
    const decoded = decodePng(encodePng(shifted.subarray(1), 5, 2));
    expect(Buffer.from(decoded.rgba).equals(Buffer.from(rgba))).toBe(true);
  });

  test('a drawn card, antialiased text included, fits a palette', async () => {
    const { png } = await renderCard(prepareCard(spec('Microsoft channel chief concedes: I need to learn about MSPs'), ctx).job);
    expect(decodePng(png).colourType).toBe(3);
  });
});
