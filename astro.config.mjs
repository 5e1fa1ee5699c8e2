// @ts-check
import { satteri } from '@astrojs/markdown-satteri';
import { defineConfig } from 'astro/config';
import { socialCards } from './src/integrations/cards.ts';
import { contentAhead } from './src/integrations/content-ahead.ts';
import { hostingFiles } from './src/integrations/hosting.ts';
import { outputFolder } from './src/integrations/output-folder.ts';
import { previewMode } from './src/integrations/preview-mode.ts';
import { search } from './src/integrations/search.ts';
import { backchannelSitemap } from './src/integrations/sitemap.ts';
import { buildEnv } from './src/lib/env.ts';
import { satteriTableScroll } from './src/lib/table-scroll.ts';
import { site } from './src/site.config.ts';

// Read and check the environment (CONTENT_DIR, BUILD_NOW, CARDS, cache folders) before anything
// runs, so a bad value stops the command at once, and the build's clock starts here.
buildEnv();
const output = outputFolder();

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site: site.url,
  trailingSlash: 'always',
  // Render several pages at once so file writes overlap with rendering. Measured on a cold build
  // of 1,000 articles (2 cores, whole-process medians of five pairs run in turn): 8 pages took
  // 0.89 of the wall time of 4; 16 took 0.96 of 8, so 8.
  // CSS always ships as files, never inline <style>: the Content-Security-Policy in _headers
  // (src/lib/hosting.ts) allows no inline style on the site's pages.
  build: { format: 'directory', concurrency: 8, inlineStylesheets: 'never' },
  // Keep whitespace between inline elements exactly as the templates write it.
  compressHTML: true,
  devToolbar: { enabled: false },
  // Pages whose data and code are unchanged since the last build are copied from Astro's cache
  // (node_modules/.astro) instead of rendered: every getStaticPaths() route returns a cacheKey
  // made from all the data its page prints (src/lib/page-keys.ts). `astro build --force` renders all.
  experimental: { incrementalBuild: true },
  // Wide tables in articles and pages scroll in a keyboard-focusable box, as in comments.
  markdown: { processor: satteri({ hastPlugins: [satteriTableScroll] }) },
  // contentAhead() reads the content folder on a second thread while Astro starts Vite.
  // output.first keeps the last build's output when it can, so unchanged pages stay in place, and
  // deletes what this build did not write before the others read the folder; output.last records
  // the folder as complete. search() indexes the pages the build wrote, from astro:build:done; socialCards() starts
  // drawing /og/*.png once the content is loaded, while the pages render (CARDS=off skips it).
  integrations: [contentAhead(), output.first, previewMode(), backchannelSitemap(), hostingFiles(), search(), socialCards(), output.last],
});
