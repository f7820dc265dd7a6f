/**
 * 32-bit FNV-1a over the UTF-8 bytes of a string. Not cryptographic: it only has to spread
 * comment texts evenly so derived ids rarely collide (collisions are detected by the caller).
 */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  const byte = (b: number) => {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  for (const ch of text) {
    let cp = ch.codePointAt(0) ?? 0;
    // A lone surrogate is hashed as U+FFFD, as a UTF-8 encoder would write it.
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) byte(cp);
    else if (cp < 0x800) {
      byte(0xc0 | (cp >> 6));
      byte(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      byte(0xe0 | (cp >> 12));
      byte(0x80 | ((cp >> 6) & 0x3f));
      byte(0x80 | (cp & 0x3f));
    } else {
      byte(0xf0 | (cp >> 18));
      byte(0x80 | ((cp >> 12) & 0x3f));
      byte(0x80 | ((cp >> 6) & 0x3f));
      byte(0x80 | (cp & 0x3f));
    }
  }
  return h >>> 0;
}

/** FNV-1a as 8 lower-case hex digits. */
export function fnv1a32Hex(text: string): string {
  return fnv1a32(text).toString(16).padStart(8, '0');
}
