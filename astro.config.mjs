// @ts-check
import { defineConfig } from 'astro/config';
import { previewMode } from './src/integrations/preview-mode.ts';
import { site } from './src/site.config.ts';

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site: site.url,
  trailingSlash: 'always',
  // Render several pages at once so file writes overlap with rendering (measured: see README).
  build: { format: 'directory', concurrency: 4 },
  // Keep whitespace between inline elements exactly as the templates write it.
  compressHTML: true,
  devToolbar: { enabled: false },
  integrations: [previewMode()],
});
