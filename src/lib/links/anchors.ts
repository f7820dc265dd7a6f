/**
 * Branded identifiers for link targets. A bare string could be a slug, an anchor, a page path or
 * a URL; the brands make the compiler catch a slug passed where a node id is expected.
 */

import { ROUTES, type RefSegment } from '../site/routes.ts';

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Lower-case words joined by hyphens, as used in URLs. */
export type Slug = Brand<string, 'Slug'>;
/** An HTML id we publish as a permalink (section ids, `c-…` comment ids). */
export type Anchor = Brand<string, 'Anchor'>;
/** A page as `<collection>/<slug>`, the same spelling `<Ref to>` uses. */
export type PageId = Brand<string, 'PageId'>;
/** A link-graph node: a page, or a passage as `<collection>/<slug>#<anchor>`. */
export type NodeId = Brand<string, 'NodeId'>;

/** The URL segments a reference may point into, from the route table. */
export type RefCollection = RefSegment;
export const REF_COLLECTIONS: readonly RefCollection[] = ROUTES.flatMap((r) => (r.referable ? [r.segment] : []));

// The one definition of each id; src/schemas and the importer build their zod checks from these.
/** A slug: lower-case ASCII words joined by single hyphens. */
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_RULE = 'must be lower-case words joined by hyphens';
/** An HTML id we publish: starts with a letter; letters, digits, `-`, `_`. */
export const ANCHOR_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const ANCHOR_RULE = 'must start with a letter and use only letters, digits, "-" and "_"';
/** A comment's anchor: an anchor that starts with `c-`. */
export const COMMENT_ID_RE = /^c-[A-Za-z0-9_-]*$/;
export const COMMENT_ID_RULE = 'comment ids start with "c-"';

/** Whether a string is a valid slug. */
export function isSlug(s: string): s is Slug {
  return SLUG_RE.test(s);
}

/** Whether a string is a valid permalink anchor. */
export function isAnchor(s: string): s is Anchor {
  return ANCHOR_RE.test(s);
}

/** Whether a string is a valid comment anchor. */
export function isCommentId(s: string): s is Anchor {
  return COMMENT_ID_RE.test(s);
}

/** Whether a string names one of the reference collections. */
export function isRefCollection(s: string): s is RefCollection {
  return (REF_COLLECTIONS as readonly string[]).includes(s);
}

/** The page id of a collection entry. */
export function pageId(collection: RefCollection, slug: Slug | string): PageId {
  return `${collection}/${slug}` as PageId;
}

/** The node id of a page, or of an anchor on it. */
export function nodeId(page: PageId | string, anchor?: Anchor | string | null): NodeId {
  return (anchor ? `${page}#${anchor}` : page) as NodeId;
}

/** Splits a node id into its page and anchor (null for a whole page). */
export function splitNodeId(id: NodeId | string): { page: PageId; anchor: Anchor | null } {
  const hash = id.indexOf('#');
  if (hash < 0) return { page: id as PageId, anchor: null };
  return { page: id.slice(0, hash) as PageId, anchor: id.slice(hash + 1) as Anchor };
}

/** The site URL of a page or passage: `/essays/x/` or `/essays/x/#anchor`. */
export function urlOf(id: NodeId | string): string {
  const { page, anchor } = splitNodeId(id);
  return anchor ? `/${page}/#${anchor}` : `/${page}/`;
}
