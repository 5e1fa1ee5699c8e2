import type { AstroIntegration } from 'astro';
import { readContentAhead } from '../loaders/corpus.ts';

/**
 * Starts a build's read of the content folder on a second thread as soon as the config is set
 * up, before Astro starts Vite and the content sync (src/loaders/corpus.ts, readContentAhead).
 * First in the list of integrations, so it starts before anything else.
 */
export function contentAhead(): AstroIntegration {
  return {
    name: 'backchannel:content-ahead',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        if (command === 'build') readContentAhead((message) => logger.warn(message));
      },
    },
  };
}
