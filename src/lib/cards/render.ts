import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import type { FontFile } from './fonts.ts';
import { IMAGE_MIME } from './image.ts';
import { encodePng } from './png.ts';
import { CARD_HEIGHT, CARD_WIDTH } from './size.ts';
import { type CardContent, type CardNode, cardTree } from './template.ts';

/** Everything a worker needs to draw one card; plain data, so it crosses to worker threads. */
export interface RenderJob {
  content: CardContent;
  /** Font subset files, in fallback order. */
  fonts: FontFile[];
  /** Emoji grapheme → Twemoji SVG file. */
  emoji: Record<string, string>;
  /** Picture file (under public/) when content.hasImage is set. */
  image?: string | undefined;
}

/** A drawn card. */
export interface RenderResult {
  png: Uint8Array;
  /** Text satori found no glyph for while drawing (drawn as boxes). */
  missing: string[];
  /** Time spent drawing, in ms (wall clock). */
  ms: number;
  /** CPU time this thread spent drawing, in ms: the card's cost on one core, however busy the machine. */
  cpuMs: number;
}

// Satori parses a font once per Buffer object (it caches by identity), so each file is read once.
const files = new Map<string, Buffer>();
function read(file: string): Buffer {
  let b = files.get(file);
  if (!b) {
    b = readFileSync(file);
    files.set(file, b);
  }
  return b;
}

function dataUrl(file: string): string {
  return `data:${IMAGE_MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream'};base64,${read(file).toString('base64')}`;
}

/** Draws a card: the element tree through satori to SVG, through resvg to pixels, then to PNG. */
export async function renderCard(job: RenderJob): Promise<RenderResult> {
  const start = performance.now();
  const cpu = process.threadCpuUsage();
  const missing: string[] = [];
  const fonts = job.fonts.map((f) => ({ name: f.name, weight: f.weight, style: 'normal' as const, data: read(f.file) }));
  const tree: CardNode = cardTree(job.content, job.image ? dataUrl(job.image) : undefined);
  // satori's types want React elements; the plain tree has their shape.
  const svg = await satori(tree as unknown as Parameters<typeof satori>[0], {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts,
    // Satori asks for every grapheme no font has: emoji are answered with their Twemoji picture,
    // anything else is reported, so a missing glyph is a warning and never a silent box.
    loadAdditionalAsset: async (code: string, segment: string) => {
      const svgFile = code === 'emoji' ? job.emoji[segment] : undefined;
      if (svgFile) return dataUrl(svgFile);
      if (segment.trim() && !missing.includes(segment)) missing.push(segment);
      return [];
    },
  });
  const rendered = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render();
  const png = encodePng(rendered.pixels, rendered.width, rendered.height);
  const used = process.threadCpuUsage(cpu);
  return { png, missing, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}
