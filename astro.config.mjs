// @ts-check
import { defineConfig } from 'astro/config';
import { site } from './src/site.config.ts';

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site: site.url,
  trailingSlash: 'always',
  build: { format: 'directory' },
  // Keep whitespace between inline elements exactly as the templates write it.
  compressHTML: true,
  devToolbar: { enabled: false },
});
