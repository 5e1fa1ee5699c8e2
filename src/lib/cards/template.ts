import type { CardKind } from '../urls.ts';
import { fitTitle, type TitleBox, truncateTitle } from './fit.ts';
import { CARD_HEIGHT, CARD_WIDTH } from './size.ts';

/**
 * Bump when the drawing changes (layout, colours, sizes): it is part of every cache key, so
 * cached cards drawn by an older template are rendered again.
 */
export const TEMPLATE_VERSION = 2;

/** What a card shows; everything here changes its pixels and so its cache key. */
export interface CardContent {
  kind: CardKind;
  /** Site name, shown at the top of every card. */
  siteName: string;
  /** Small label above the title ("Author", "Tag"); none on article cards. */
  label?: string | undefined;
  /** The big text: article title, author name, tag name or the site's tagline. */
  title: string;
  /** Parts of the line under the title, joined with " · " (author and date, job title, counts). */
  byline: string[];
  /** Up to three tags, drawn as pills. */
  tags: string[];
  /** Whether the card has a picture on its right (a file under public/). */
  hasImage: boolean;
}

/** A node of the element tree satori lays out (the shape React elements have). */
export interface CardNode {
  type: string;
  key?: string;
  props: {
    style?: Record<string, string | number>;
    children?: CardNode | CardNode[] | string;
    src?: string;
    width?: number;
    height?: number;
  };
}

const COLORS = { bg: '#fdfcfa', surface: '#f3f1ec', text: '#1f2328', muted: '#57606a', border: '#d5d0c6', accent: '#1d4e89' };
const STRIPE = 16;
const PAD_X = 64;
const PAD_Y = 52;
const HEADER = 44;
const FOOTER = 48;
const GAP = 28;
const IMAGE = 340;

/** The area the title may fill; narrower when the card has a picture. */
export function titleBox(hasImage: boolean): TitleBox {
  const width = CARD_WIDTH - STRIPE - 2 * PAD_X - (hasImage ? IMAGE + 48 : 0);
  const height = CARD_HEIGHT - 2 * PAD_Y - HEADER - FOOTER - 2 * GAP;
  return { width, height, maxSize: 72, minSize: 30, lineHeight: 1.2 };
}

/** The title as drawn: shortened only if it cannot fit at the smallest size, and its font size. */
export function titleLayout(content: CardContent): { text: string; fontSize: number; lines: number; box: TitleBox } {
  const box = titleBox(content.hasImage);
  const text = truncateTitle(content.title, box);
  return { text, ...fitTitle(text, box), box };
}

/** Long tags are cut so three pills always fit beside the byline. */
function pillText(tag: string): string {
  const chars = [...tag];
  return chars.length > 22 ? `${chars.slice(0, 21).join('').trimEnd()}…` : tag;
}

/** Titles whose first letter is Arabic or Hebrew read from the right. */
export function isRtl(text: string): boolean {
  const strong = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]|[\p{L}]/u.exec(text);
  return !!strong && /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u.test(strong[0]);
}

const el = (type: string, style: Record<string, string | number>, children?: CardNode | CardNode[] | string): CardNode => ({
  type,
  props: children === undefined ? { style } : { style, children },
});

/**
 * The card as an element tree for satori: an accent stripe, the site name, the title (sized by
 * fitTitle), an optional picture, and a footer with the byline and tag pills. Satori shapes
 * Arabic and orders right-to-left runs itself; RTL titles are also right-aligned. `imageSrc` is
 * the picture as a data URL, required when content.hasImage is set.
 */
export function cardTree(content: CardContent, imageSrc?: string): CardNode {
  const { text: title, fontSize, box } = titleLayout(content);
  const rtl = isRtl(title);
  const titleNode: CardNode = {
    type: 'div',
    key: 'title',
    props: {
      style: {
        display: 'block',
        width: box.width,
        fontSize,
        lineHeight: box.lineHeight,
        fontWeight: 700,
        color: COLORS.text,
        overflowWrap: 'break-word',
        wordBreak: 'break-word',
        textAlign: rtl ? 'right' : 'left',
      },
      children: title,
    },
  };
  const titleColumn = el('div', { display: 'flex', flexDirection: 'column', width: box.width }, [
    ...(content.label
      ? [el('div', { fontSize: 26, color: COLORS.muted, marginBottom: 8, textAlign: rtl ? 'right' : 'left' }, content.label)]
      : []),
    titleNode,
  ]);
  const middle = el(
    'div',
    { display: 'flex', flexGrow: 1, alignItems: 'center', justifyContent: 'space-between', marginTop: GAP, marginBottom: GAP },
    [
      titleColumn,
      ...(content.hasImage && imageSrc !== undefined
        ? [
            {
              type: 'img',
              props: {
                src: imageSrc,
                width: IMAGE,
                height: IMAGE,
                style: { width: IMAGE, height: IMAGE, objectFit: 'cover', borderRadius: 16, border: `2px solid ${COLORS.border}` },
              },
            },
          ]
        : []),
    ],
  );
  // Each pill is a filled pill inside one of the accent colour, which shows as a 2px ring. A
  // border would look the same, but satori draws a rounded border as a stroke clipped to its
  // outline, and resvg renders each clip in a layer of its own: the rings cost 2-6% of a card.
  const pills = content.tags
    .slice(0, 3)
    .map((t) =>
      el('div', { display: 'flex', backgroundColor: COLORS.accent, borderRadius: 999, padding: 2, marginLeft: 12 }, [
        el(
          'div',
          { display: 'flex', fontSize: 22, color: COLORS.accent, backgroundColor: COLORS.bg, borderRadius: 999, padding: '4px 16px' },
          pillText(t),
        ),
      ]),
    );
  const footer = el('div', { display: 'flex', height: FOOTER, alignItems: 'center', justifyContent: 'space-between' }, [
    el(
      'div',
      {
        display: 'flex',
        fontSize: 26,
        color: COLORS.muted,
        flexShrink: 1,
        overflow: 'hidden',
        whiteSpace: 'nowrap',
        textOverflow: 'ellipsis',
      },
      content.byline.join(' · '),
    ),
    el('div', { display: 'flex', flexShrink: 0 }, pills),
  ]);
  const header = el(
    'div',
    { display: 'flex', height: HEADER, alignItems: 'center', fontSize: 30, fontWeight: 700, color: COLORS.accent },
    content.siteName,
  );
  return el('div', { display: 'flex', width: CARD_WIDTH, height: CARD_HEIGHT, backgroundColor: COLORS.bg, fontFamily: 'Noto Sans latin' }, [
    el('div', { width: STRIPE, height: CARD_HEIGHT, backgroundColor: COLORS.accent }),
    el('div', { display: 'flex', flexDirection: 'column', flexGrow: 1, padding: `${PAD_Y}px ${PAD_X}px` }, [header, middle, footer]),
  ]);
}
