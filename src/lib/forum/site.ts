/**
 * Which ForumMagnum forum a saved thread comes from, the addresses of its comments there, whose
 * account a forum user slug names, and the licence that applies to what was posted.
 */
import { isPublishableUrl } from './sanitize.ts';

/** The forums this importer reads. LessWrong and the Alignment Forum share one set of user accounts. */
export interface ForumSite {
  /** As readers know it, and as our `origin.site` spells it. */
  name: 'LessWrong' | 'Alignment Forum' | 'EA Forum';
  /** `https://host`, for the forum's links relative to itself. */
  origin: string;
  /** Forums whose user slugs name the same accounts share this key. */
  accounts: 'lesswrong' | 'ea-forum';
}

const SITES: readonly { host: RegExp; site: Omit<ForumSite, 'origin'> }[] = [
  { host: /^(?:www\.)?lesswrong\.com$/, site: { name: 'LessWrong', accounts: 'lesswrong' } },
  { host: /^(?:www\.)?alignmentforum\.org$/, site: { name: 'Alignment Forum', accounts: 'lesswrong' } },
  { host: /^forum\.effectivealtruism\.org$/, site: { name: 'EA Forum', accounts: 'ea-forum' } },
];

/** Hosts whose `/users/<slug>` pages name accounts of each forum (GreaterWrong mirrors them). */
const PROFILE_HOSTS: Record<ForumSite['accounts'], RegExp> = {
  lesswrong: /^(?:www\.)?(?:lesswrong\.com|alignmentforum\.org|greaterwrong\.com)$/,
  'ea-forum': /^(?:forum\.effectivealtruism\.org|ea\.greaterwrong\.com)$/,
};

/** The forum a post's address is on; null for any other address. */
export function forumOf(pageUrl: string): ForumSite | null {
  if (!isPublishableUrl(pageUrl)) return null;
  const url = new URL(pageUrl);
  const hit = SITES.find((s) => s.host.test(url.hostname.toLowerCase()));
  return hit ? { ...hit.site, origin: url.origin } : null;
}

/** The post's address without query or fragment: what our origin link and comment links build on. */
export function postUrl(pageUrl: string): string {
  const url = new URL(pageUrl);
  url.search = '';
  url.hash = '';
  return url.href;
}

/** A comment's address on its forum: the post's address with `?commentId=` (ForumMagnum's commentGetPageUrl). */
export function commentUrl(pageUrl: string, commentId: string): string {
  return `${postUrl(pageUrl)}?commentId=${encodeURIComponent(commentId)}`;
}

/** The user slug a profile address names on the forum's accounts (`…/users/<slug>`), or null. */
export function profileSlug(profileUrl: string, accounts: ForumSite['accounts']): string | null {
  if (!isPublishableUrl(profileUrl)) return null;
  const url = new URL(profileUrl);
  if (!PROFILE_HOSTS[accounts].test(url.hostname.toLowerCase())) return null;
  const m = /^\/users\/([^/]+)\/?$/.exec(url.pathname);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

/** Since this day, the EA Forum makes everything posted on it available under CC BY 4.0. */
export const EA_FORUM_CC_BY_FROM = '2022-12-01T00:00:00.000Z';
const EA_LICENCE_POST = 'https://forum.effectivealtruism.org/posts/KK6AE8HzPkR2KnqSg/new-forum-license-creative-commons';
const LESSWRONG_FAQ = 'https://greaterwrong.com/posts/2rWKkWuPrgTMpLRbp/lesswrong-faq/comment/HQRYjuuDuoMMAyt2B';

/** What we changed, which CC BY asks a reuser to say. */
const CHANGES =
  'Our changes: the forum’s HTML is converted to this site’s format, markup outside our allowlist (scripts, styles, embeds) is removed, images and embeds are shown as links, formulas are typeset again, and the page layout, headings and notes are ours.';

/** A licence as our schema records it. */
export interface LicenceFacts {
  status: 'cc-by-4.0' | 'all-rights-reserved';
  statement: string;
  evidenceUrl: string;
}

/**
 * The licence of a page made from the forum's data, from the forum and the dates (ISO, UTC) of
 * what the page holds. An EA Forum page is CC BY 4.0 only when everything on it was posted on or
 * after 1 December 2022; otherwise it says which part is.
 */
export function licenceFor(site: ForumSite, what: 'post' | 'comments', dates: readonly string[]): LicenceFacts {
  if (site.accounts === 'lesswrong') {
    const where = site.name === 'LessWrong' ? 'LessWrong states' : 'The Alignment Forum, which shares its posts and comments with LessWrong, states';
    return {
      status: 'all-rights-reserved',
      statement: `${where} no open licence for posts or comments, so copyright stays with their authors. They are reproduced here, with attribution, for commentary.`,
      evidenceUrl: LESSWRONG_FAQ,
    };
  }
  const late = dates.filter((d) => d >= EA_FORUM_CC_BY_FROM).length;
  const early = dates.length - late;
  const noun = what === 'post' ? 'The post was' : dates.length === 1 ? 'The comment was' : 'These comments were';
  if (early === 0) {
    return {
      status: 'cc-by-4.0',
      statement: `${noun} posted on the EA Forum on or after 1 December 2022, from which date everything posted there is available under CC BY 4.0. ${CHANGES}`,
      evidenceUrl: EA_LICENCE_POST,
    };
  }
  const part =
    what === 'post'
      ? 'The post was posted before that date'
      : late === 0
        ? 'All of these comments were posted before that date'
        : `${early} of these comments ${early === 1 ? 'was' : 'were'} posted before that date (the other ${late} ${late === 1 ? 'is' : 'are'} under CC BY 4.0; ${CHANGES.charAt(0).toLowerCase()}${CHANGES.slice(1, -1)})`;
  return {
    status: 'all-rights-reserved',
    statement: `The EA Forum makes what is posted on it from 1 December 2022 available under CC BY 4.0. ${part}, and for that no open licence is stated, so copyright stays with the authors. It is reproduced here, with attribution, for commentary.`,
    evidenceUrl: EA_LICENCE_POST,
  };
}
