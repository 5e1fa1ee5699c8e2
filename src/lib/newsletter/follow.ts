import type { SiteConfig } from '../config.ts';
import type { DigestsConfig, SignupConfig } from './config.ts';
import { newsletterPaths } from './paths.ts';

/**
 * The digest settings when this build makes digests, else undefined. `on` is the build's switch
 * (false with `DIGESTS=off`, see env.ts: to measure their share of a build, like `CARDS=off`);
 * the follow block then stops linking them too.
 */
export function digestsEnabled(config: SiteConfig, on: boolean): DigestsConfig | undefined {
  const digests = config.newsletter?.digests;
  return digests && on ? digests : undefined;
}

/** What the follow block after each article shows. */
export interface FollowBlockContent {
  heading: string;
  /** The newsletter pitch only when there is a newsletter to get; otherwise the follow text. */
  text: string;
  /** The sign-up form, when an e-mail service is configured. */
  signup?: SignupConfig | undefined;
  /** The site's social links, then the newsletter's archive and feed when digests are on. */
  links: { label: string; href: string }[];
}

/**
 * The block's content, kept honest: it promises a newsletter only when readers can get one, by
 * e-mail (a sign-up form) or as issues on the site and in a feed (digests on).
 */
export function followBlockContent(config: SiteConfig, digestsOn: boolean): FollowBlockContent | undefined {
  const n = config.newsletter;
  if (!n) return undefined;
  const digests = digestsEnabled(config, digestsOn);
  const hasNewsletter = Boolean(n.signup || digests);
  const links = [...config.social];
  if (digests) {
    links.push({ label: 'Past newsletters', href: newsletterPaths.archive }, { label: 'Newsletter RSS', href: newsletterPaths.feed });
  }
  return { heading: n.heading, text: hasNewsletter ? n.text : n.followText, signup: n.signup, links };
}

/** One visible control of the sign-up form. */
export interface SignupControl {
  id: string;
  name: string;
  type: 'email' | 'text';
  label: string;
  autocomplete: string;
  required: boolean;
}

/**
 * The sign-up form's fields, named as the e-mail service expects them (see `signup` in
 * config.ts): its hidden fields as written, an optional first name, then the e-mail address.
 */
export function signupFormFields(signup: SignupConfig): { hidden: { name: string; value: string }[]; controls: SignupControl[] } {
  const controls: SignupControl[] = [];
  if (signup.nameField) {
    controls.push({
      id: 'follow-name',
      name: signup.nameField,
      type: 'text',
      label: 'First name (optional)',
      autocomplete: 'given-name',
      required: false,
    });
  }
  controls.push({
    id: 'follow-email',
    name: signup.emailField,
    type: 'email',
    label: 'E-mail address',
    autocomplete: 'email',
    required: true,
  });
  return { hidden: Object.entries(signup.hidden).map(([name, value]) => ({ name, value })), controls };
}
