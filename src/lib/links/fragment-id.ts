/**
 * The element id a URL fragment names ('' when it names none). Takes `location.hash` or a link's
 * hash, with or without the '#'. A text directive (`:~:text=…`) is cut off first: Chrome strips
 * it from location.hash, but browsers without text fragments keep it. A malformed percent escape
 * is kept as typed rather than thrown on, so it simply names no element.
 */
export function fragmentId(hash: string): string {
  const raw = (hash.startsWith('#') ? hash.slice(1) : hash).split(':~:')[0] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
