import { readFileSync } from 'node:fs';
import satori from 'satori';
import { describe, expect, test } from 'vitest';
import { twemojiDir } from '../../src/lib/cards/emoji.ts';
import { loadFontRegistry } from '../../src/lib/cards/fonts.ts';
import { pngSize } from '../../src/lib/cards/png.ts';
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
