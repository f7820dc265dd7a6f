/**
 * Zoom and pan of the argument map, as viewBox arithmetic. The map is drawn in map units; its box
 * on the page has a size in CSS pixels. A view is the part of the map shown (an SVG viewBox) and
 * always has the box's aspect ratio, so its scale (CSS pixels per map unit) is the same both ways
 * and text stays crisp at every zoom (the browser redraws it; nothing is scaled as a bitmap).
 *
 * The smallest scale shows the whole map (fit); where the map is smaller than the box in one
 * direction it is centred that way, and elsewhere the view never leaves the map.
 */

export interface Size {
  width: number;
  height: number;
}

/** A viewBox: the map point at the box's top-left corner, and how much of the map the box shows. */
export interface View {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A point in the box, in CSS pixels from its top-left corner. */
export interface BoxPoint {
  x: number;
  y: number;
}

/** How far in one may zoom, in CSS pixels per map unit (text at two and a half times its drawn size). */
export const MAX_SCALE = 2.5;

const usable = (s: Size): boolean => s.width > 0 && s.height > 0 && Number.isFinite(s.width) && Number.isFinite(s.height);

/** CSS pixels per map unit of a view shown in a box (1 when either is empty, so callers never divide by zero). */
export function scaleOf(view: View, box: Size): number {
  return usable(box) && view.width > 0 ? box.width / view.width : 1;
}

/** The scale at which the whole map just fits the box. */
export function fitScale(map: Size, box: Size): number {
  if (!usable(map) || !usable(box)) return 1;
  return Math.min(box.width / map.width, box.height / map.height);
}

/** The scale range for a map in a box: from the whole map up to MAX_SCALE (never below fit). */
export function scaleRange(map: Size, box: Size): { min: number; max: number } {
  const min = fitScale(map, box);
  return { min, max: Math.max(min, MAX_SCALE) };
}

/** Keeps a view on the map: centred along a direction where it shows more than the whole map, else inside it. */
export function clampView(view: View, map: Size): View {
  const along = (start: number, size: number, total: number) => (size >= total ? (total - size) / 2 : Math.min(Math.max(start, 0), total - size));
  return { ...view, x: along(view.x, view.width, map.width), y: along(view.y, view.height, map.height) };
}

/** The view of the whole map in a box, centred. */
export function fitView(map: Size, box: Size): View {
  const s = fitScale(map, box);
  const width = usable(box) ? box.width / s : map.width;
  const height = usable(box) ? box.height / s : map.height;
  return clampView({ x: 0, y: 0, width, height }, map);
}

/**
 * The view at `scale` (clamped to the map's range) that keeps the map point under `at` where it
 * is: zooming about the pointer, a pinch's midpoint, or the middle of what the reader can see.
 */
export function zoomTo(view: View, map: Size, box: Size, scale: number, at: BoxPoint): View {
  if (!usable(box)) return view;
  const { min, max } = scaleRange(map, box);
  const s = Math.min(Math.max(scale, min), max);
  const old = scaleOf(view, box);
  const mx = view.x + at.x / old;
  const my = view.y + at.y / old;
  return clampView({ x: mx - at.x / s, y: my - at.y / s, width: box.width / s, height: box.height / s }, map);
}

/** The view zoomed by `factor` (above 1 zooms in) about `at`. */
export function zoomBy(view: View, map: Size, box: Size, factor: number, at: BoxPoint): View {
  return zoomTo(view, map, box, scaleOf(view, box) * factor, at);
}

/** The view moved so the map follows a drag of (dx, dy) CSS pixels. */
export function panBy(view: View, map: Size, box: Size, dx: number, dy: number): View {
  const s = scaleOf(view, box);
  return clampView({ ...view, x: view.x - dx / s, y: view.y - dy / s }, map);
}

/**
 * The view after the box changed size: the same scale (or fit, if the view showed the whole map
 * or the new box makes that scale too small) about the same map point at the box's centre.
 */
export function resizeView(view: View, map: Size, oldBox: Size, box: Size): View {
  if (isFitted(view, map, oldBox)) return fitView(map, box);
  const s = scaleOf(view, oldBox);
  const cx = view.x + view.width / 2;
  const cy = view.y + view.height / 2;
  const { min, max } = scaleRange(map, box);
  const t = Math.min(Math.max(s, min), max);
  return clampView({ x: cx - box.width / t / 2, y: cy - box.height / t / 2, width: box.width / t, height: box.height / t }, map);
}

/** True when the view shows the whole map (its scale is the fit scale, within rounding). */
export function isFitted(view: View, map: Size, box: Size): boolean {
  return scaleOf(view, box) <= fitScale(map, box) * (1 + 1e-6);
}

/** True when a rectangle of the map (a box of the drawing) lies wholly inside the view. */
export function shows(view: View, r: View): boolean {
  const e = 1e-6;
  return r.x >= view.x - e && r.y >= view.y - e && r.x + r.width <= view.x + view.width + e && r.y + r.height <= view.y + view.height + e;
}

/** The view at the same scale moved as little as possible to show a rectangle of the map (centred on it when it is larger). */
export function reveal(view: View, map: Size, r: View): View {
  const along = (start: number, size: number, a: number, len: number) =>
    len >= size ? a + len / 2 - size / 2 : a < start ? a : a + len > start + size ? a + len - size : start;
  return clampView({ ...view, x: along(view.x, view.width, r.x, r.width), y: along(view.y, view.height, r.y, r.height) }, map);
}
