/**
 * Names the site a link to a source actually goes to, from the URL's host rather than the
 * forum the text was first posted on: a GreaterWrong address is a mirror of LessWrong (or, at
 * ea.greaterwrong.com, of the EA Forum), not LessWrong itself.
 */
const HOSTS: readonly (readonly [RegExp, string])[] = [
  [/^ea\.greaterwrong\.com$/, 'the GreaterWrong mirror of the EA Forum'],
  [/^(?:www\.)?greaterwrong\.com$/, 'the GreaterWrong mirror of LessWrong'],
  [/^(?:www\.)?lesswrong\.com$/, 'LessWrong'],
  [/^(?:www\.)?alignmentforum\.org$/, 'the Alignment Forum'],
  [/^forum\.effectivealtruism\.org$/, 'the EA Forum'],
  [/^forum\.nunosempere\.com$/, 'forum.nunosempere.com, a reader for the EA Forum'],
];

/** The site behind `url`, for link text ("the GreaterWrong mirror of LessWrong"); the bare host when unknown. */
export function sourceHost(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return 'the original site';
  }
  return HOSTS.find(([re]) => re.test(host))?.[1] ?? host.replace(/^www\./, '');
}

/** Link text for a comment's original address: "On the GreaterWrong mirror of LessWrong". */
export function sourceLinkLabel(url: string): string {
  return `On ${sourceHost(url)}`;
}
