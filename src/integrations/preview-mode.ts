import type { AstroIntegration } from 'astro';

/**
 * Tells the site whether it is being previewed (`astro dev`: drafts and scheduled articles are
 * shown) or built for readers. Decided by the Astro command itself, not by NODE_ENV or Vite's
 * mode, so a stray NODE_ENV=development in a shell can never publish drafts.
 */
export function previewMode(): AstroIntegration {
  return {
    name: 'backchannel:preview-mode',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        updateConfig({ vite: { define: { 'import.meta.env.BACKCHANNEL_PREVIEW': JSON.stringify(command === 'dev') } } });
      },
    },
  };
}
