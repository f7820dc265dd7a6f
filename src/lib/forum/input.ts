/**
 * Reading a thread saved from a ForumMagnum GraphQL endpoint (LessWrong, the Alignment Forum, the
 * EA Forum). Field meanings follow ForumMagnum's own schema
 * (packages/lesswrong/lib/collections/comments/schema.ts and helpers.ts):
 * - `parentCommentId` is the comment a reply answers, null on a top-level comment;
 *   `topLevelCommentId` is the top-level comment of the reply's branch (null or absent on a
 *   top-level comment), kept by the forum alongside the parent, so the two must agree.
 * - `deleted` comments stay in the tree (the default view returns them when their deletion is
 *   public) and their replies still show; the forum withholds their text and often their author.
 * - `retracted` comments are the author's withdrawn words: struck through, still readable.
 * - `baseScore` is the karma shown beside a comment; it can be negative.
 * - A comment's address on the forum is its post's `pageUrl` with `?commentId=<_id>`
 *   (commentGetPageUrl), on all three forums.
 * Two shapes are accepted: the GraphQL response as saved (`{"data": {"post": {"result": …},
 * "comments": {"results": […]}}}`) and the same two objects unwrapped (`{"post": …, "comments": […]}`).
 * Every problem names the field as a JSON path (`$.data.comments.results[3].postId`).
 */

/** A problem with the saved data: where (a JSON path) and what. */
export class ForumInputError extends Error {
  readonly path: string;
  readonly detail: string;

  constructor(path: string, detail: string) {
    super(`${path}: ${detail}`);
    this.name = 'ForumInputError';
    this.path = path;
    this.detail = detail;
  }
}

/** A forum user as the data names them. */
export interface ForumUser {
  displayName: string;
  slug: string;
}

/** The post, checked. */
export interface ForumPost {
  id: string;
  title: string;
  slug: string | null;
  pageUrl: string;
  postedAt: string;
  baseScore: number | null;
  user: ForumUser | null;
  /** The post's HTML; null when the data holds no text (a link post, or contents not requested). */
  html: string | null;
  path: string;
}

/** One comment, checked. */
export interface ForumComment {
  id: string;
  parentId: string | null;
  postedAt: string;
  baseScore: number | null;
  deleted: boolean;
  retracted: boolean;
  user: ForumUser | null;
  /** Null only for a deleted comment, whose text the forum withholds. */
  html: string | null;
  /** Where the comment is in the file, for messages. */
  path: string;
}

/** The whole saved thread, checked: every parent in the file, no cycles, no duplicates. */
export interface ForumThread {
  post: ForumPost;
  comments: ForumComment[];
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function describe(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

/** Reads one field, failing with its path when it is missing and required. */
class Reader {
  readonly obj: Record<string, Json>;
  readonly path: string;

  constructor(obj: Record<string, Json>, path: string) {
    this.obj = obj;
    this.path = path;
  }

  at(key: string): string {
    return `${this.path}.${key}`;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.obj, key);
  }

  required(key: string): Json {
    if (!this.has(key) || this.obj[key] === undefined) throw new ForumInputError(this.at(key), 'missing (a required field)');
    return this.obj[key];
  }

  string(key: string): string {
    const v = this.required(key);
    if (typeof v !== 'string') throw new ForumInputError(this.at(key), `must be a string, not ${describe(v)}`);
    if (v.length === 0) throw new ForumInputError(this.at(key), 'must not be empty');
    return v;
  }

  optionalString(key: string): string | null {
    const v = this.obj[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw new ForumInputError(this.at(key), `must be a string or null, not ${describe(v)}`);
    return v;
  }

  id(key: string): string {
    const v = this.string(key);
    if (!ID_RE.test(v)) throw new ForumInputError(this.at(key), `${JSON.stringify(v)} is not a forum id (letters, digits, "-" and "_" only)`);
    return v;
  }

  optionalId(key: string): string | null {
    const v = this.optionalString(key);
    if (v === null) return null;
    if (!ID_RE.test(v)) throw new ForumInputError(this.at(key), `${JSON.stringify(v)} is not a forum id (letters, digits, "-" and "_" only)`);
    return v;
  }

  boolean(key: string): boolean {
    const v = this.obj[key];
    if (v === undefined || v === null) return false;
    if (typeof v !== 'boolean') throw new ForumInputError(this.at(key), `must be true or false, not ${describe(v)}`);
    return v;
  }

  score(key: string): number | null {
    const v = this.obj[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new ForumInputError(this.at(key), `must be a whole number or null, not ${describe(v)}`);
    return v;
  }

  date(key: string): string {
    const v = this.string(key);
    const m = ISO_RE.exec(v);
    if (!m || Number.isNaN(Date.parse(v)))
      throw new ForumInputError(this.at(key), `${JSON.stringify(v)} is not an ISO date and time (like "2023-11-15T17:16:00.000Z")`);
    return new Date(v).toISOString();
  }

  user(key: string): ForumUser | null {
    const v = this.obj[key];
    if (v === undefined || v === null) return null;
    if (!isObject(v)) throw new ForumInputError(this.at(key), `must be an object { displayName, slug } or null, not ${describe(v)}`);
    const r = new Reader(v, this.at(key));
    return { displayName: r.string('displayName'), slug: r.string('slug') };
  }

  /** `contents { html }`: the HTML, or null when contents (or its html) is null or absent. */
  html(key: string): string | null {
    const v = this.obj[key];
    if (v === undefined || v === null) return null;
    if (!isObject(v)) throw new ForumInputError(this.at(key), `must be an object { html } or null, not ${describe(v)}`);
    const r = new Reader(v, this.at(key));
    return r.optionalString('html');
  }
}

/** A ForumMagnum id: Meteor's random ids are 17 letters and digits; older ones differ, so any safe token passes. */
const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function readPost(v: Json, path: string): ForumPost {
  if (!isObject(v)) throw new ForumInputError(path, v === null ? 'is null: the forum found no such post' : `must be the post object, not ${describe(v)}`);
  const r = new Reader(v, path);
  return {
    id: r.id('_id'),
    title: r.string('title'),
    slug: r.optionalString('slug'),
    pageUrl: r.string('pageUrl'),
    postedAt: r.date('postedAt'),
    baseScore: r.score('baseScore'),
    user: r.user('user'),
    html: r.html('contents'),
    path,
  };
}

function readComment(v: Json, path: string): ForumComment & { postId: string; topLevelId: string | null; topLevelGiven: boolean } {
  if (!isObject(v)) throw new ForumInputError(path, `must be a comment object, not ${describe(v)}`);
  const r = new Reader(v, path);
  const deleted = r.boolean('deleted');
  const html = r.html('contents');
  if (html === null && !deleted) throw new ForumInputError(r.at('contents'), 'missing: a comment that is not deleted needs contents { html }');
  return {
    id: r.id('_id'),
    postId: r.id('postId'),
    parentId: r.optionalId('parentCommentId'),
    topLevelId: r.optionalId('topLevelCommentId'),
    topLevelGiven: r.has('topLevelCommentId'),
    postedAt: r.date('postedAt'),
    baseScore: r.score('baseScore'),
    deleted,
    retracted: r.boolean('retracted'),
    user: r.user('user'),
    html: deleted ? null : html,
    path,
  };
}

/** Finds the post and the comment list in either accepted shape, with their paths. */
function locate(root: Json): { post: Json; postPath: string; comments: Json; commentsPath: string } {
  if (!isObject(root)) throw new ForumInputError('$', `must be a JSON object, not ${describe(root)}`);
  if (Object.hasOwn(root, 'data') || Object.hasOwn(root, 'errors')) {
    const errors = root['errors'];
    if (Array.isArray(errors) && errors.length > 0) {
      const first: Json = errors[0];
      const msg = isObject(first) && typeof first['message'] === 'string' ? first['message'] : JSON.stringify(first);
      throw new ForumInputError('$.errors[0].message', `the forum answered with an error, not a thread: ${msg}`);
    }
    const data = new Reader(isObject(root['data']) ? root['data'] : {}, '$.data');
    if (!isObject(root['data'])) throw new ForumInputError('$.data', `must be an object holding "post" and "comments", not ${describe(root['data'] ?? null)}`);
    const post = data.required('post');
    if (!isObject(post)) throw new ForumInputError('$.data.post', `must be an object { result }, not ${describe(post)}`);
    const comments = data.required('comments');
    if (!isObject(comments)) throw new ForumInputError('$.data.comments', `must be an object { results }, not ${describe(comments)}`);
    return {
      post: new Reader(post, '$.data.post').required('result'),
      postPath: '$.data.post.result',
      comments: new Reader(comments, '$.data.comments').required('results'),
      commentsPath: '$.data.comments.results',
    };
  }
  const r = new Reader(root, '$');
  return { post: r.required('post'), postPath: '$.post', comments: r.required('comments'), commentsPath: '$.comments' };
}

/**
 * Checks a parsed JSON value and returns the thread: the post, and its comments in the file's
 * order. Throws ForumInputError naming the first bad field.
 */
export function readForumThread(root: Json): ForumThread {
  const where = locate(root);
  const post = readPost(where.post, where.postPath);
  if (!Array.isArray(where.comments)) throw new ForumInputError(where.commentsPath, `must be an array of comments, not ${describe(where.comments)}`);
  const list = where.comments.map((c: Json, i) => readComment(c, `${where.commentsPath}[${i}]`));
  const byId = new Map<string, (typeof list)[number]>();
  for (const c of list) {
    const other = byId.get(c.id);
    if (other) throw new ForumInputError(`${c.path}._id`, `duplicate id ${JSON.stringify(c.id)} (also at ${other.path})`);
    if (c.postId !== post.id)
      throw new ForumInputError(
        `${c.path}.postId`,
        `this comment is on post ${JSON.stringify(c.postId)}, not on the post in this file (${JSON.stringify(post.id)})`,
      );
    byId.set(c.id, c);
  }
  for (const c of list) {
    if (c.parentId !== null && !byId.has(c.parentId))
      throw new ForumInputError(
        `${c.path}.parentCommentId`,
        `${JSON.stringify(c.parentId)} is not a comment in this file (save the whole thread, deleted comments included)`,
      );
  }
  // Walk each comment up to its top-level comment; a walk that meets itself is a cycle.
  for (const c of list) {
    const seen: string[] = [c.id];
    const seenSet = new Set(seen);
    let at = c;
    while (at.parentId !== null) {
      const parent = byId.get(at.parentId);
      if (!parent) break;
      if (seenSet.has(parent.id)) {
        const loop = [...seen.slice(seen.indexOf(parent.id)), parent.id].join(' → ');
        throw new ForumInputError(`${c.path}.parentCommentId`, `the replies form a cycle (${loop}), so no comment in it reaches the post`);
      }
      seen.push(parent.id);
      seenSet.add(parent.id);
      at = parent;
    }
    const top = at.id === c.id ? null : at.id;
    if (c.topLevelGiven && c.topLevelId !== top && !(top === null && c.topLevelId === c.id)) {
      throw new ForumInputError(
        `${c.path}.topLevelCommentId`,
        top === null
          ? `${JSON.stringify(c.topLevelId)}, but the comment is top-level (its parentCommentId is null)`
          : `${JSON.stringify(c.topLevelId)}, but following parentCommentId leads to the top-level comment ${JSON.stringify(top)}`,
      );
    }
  }
  return {
    post,
    comments: list.map(({ postId: _p, topLevelId: _t, topLevelGiven: _g, ...rest }) => rest),
  };
}
