interface ImportMetaEnv {
  /** True under `astro dev` only (see src/integrations/preview-mode.ts). */
  readonly BACKCHANNEL_PREVIEW: boolean;
}
