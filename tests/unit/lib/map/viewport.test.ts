import { describe, expect, test } from 'vitest';
import {
  MAX_SCALE,
  clampView,
  fitScale,
  fitView,
  isFitted,
  panBy,
  resizeView,
  reveal,
  scaleOf,
  shows,
  zoomBy,
  zoomTo,
  type View,
} from '../../../../src/lib/map/viewport.ts';

const map = { width: 1558, height: 1369 };
const phone = { width: 356, height: 313 };
const wide = { width: 1232, height: (1232 * 1369) / 1558 };

/** The map point shown at a box point. */
const mapPoint = (v: View, box: { width: number; height: number }, at: { x: number; y: number }) => ({
  x: v.x + at.x / scaleOf(v, box),
  y: v.y + at.y / scaleOf(v, box),
});

describe('fitView', () => {
  test('returns a view of the whole map with the box aspect, centred along the spare direction', () => {
    const v = fitView(map, { width: 400, height: 1000 });
    expect(scaleOf(v, { width: 400, height: 1000 })).toBeCloseTo(400 / 1558, 10);
    expect(v.width).toBeCloseTo(1558, 6);
    expect(v.height / v.width).toBeCloseTo(1000 / 400, 10);
    expect(v.x).toBeCloseTo(0, 6);
    expect(v.y).toBeCloseTo((1369 - v.height) / 2, 6);
    expect(shows(v, { x: 0, y: 0, ...map })).toBe(true);
  });
  test('returns the map itself for a box of the same aspect', () => {
    const v = fitView(map, wide);
    expect(v.x).toBeCloseTo(0, 6);
    expect(v.y).toBeCloseTo(0, 6);
    expect(v.width).toBeCloseTo(1558, 6);
    expect(v.height).toBeCloseTo(1369, 6);
  });
  test('returns the whole map, not NaN, for an empty box', () => {
    expect(fitView(map, { width: 0, height: 0 })).toEqual({ x: 0, y: 0, width: 1558, height: 1369 });
    expect(fitScale(map, { width: 0, height: 10 })).toBe(1);
  });
});

describe('zoomTo and zoomBy', () => {
  test('keep the map point under the zoom centre where it was', () => {
    const v = fitView(map, wide);
    const at = { x: 300, y: 200 };
    const z = zoomBy(v, map, wide, 1.5, at);
    expect(scaleOf(z, wide)).toBeCloseTo(scaleOf(v, wide) * 1.5, 10);
    expect(mapPoint(z, wide, at).x).toBeCloseTo(mapPoint(v, wide, at).x, 6);
    expect(mapPoint(z, wide, at).y).toBeCloseTo(mapPoint(v, wide, at).y, 6);
  });
  test('return no view smaller than MAX_SCALE allows nor larger than the whole map', () => {
    const v = fitView(map, phone);
    expect(scaleOf(zoomTo(v, map, phone, 100, { x: 10, y: 10 }), phone)).toBeCloseTo(MAX_SCALE, 10);
    const out = zoomBy(zoomBy(v, map, phone, 2, { x: 0, y: 0 }), map, phone, 1 / 8, { x: 0, y: 0 });
    expect(scaleOf(out, phone)).toBeCloseTo(fitScale(map, phone), 10);
    expect(isFitted(out, map, phone)).toBe(true);
  });
  test('return a view inside the map when zooming about a corner', () => {
    const v = fitView(map, wide);
    const z = zoomBy(v, map, wide, 2, { x: wide.width, y: wide.height });
    expect(shows({ x: 0, y: 0, ...map }, z)).toBe(true);
    expect(z.x + z.width).toBeCloseTo(map.width, 6);
  });
});

describe('panBy', () => {
  test('moves the map with the drag, by the drag divided by the scale', () => {
    const v = zoomTo(fitView(map, wide), map, wide, 2, { x: wide.width / 2, y: wide.height / 2 });
    const p = panBy(v, map, wide, -40, 20);
    expect(p.x - v.x).toBeCloseTo(20, 6);
    expect(p.y - v.y).toBeCloseTo(-10, 6);
  });
  test('stops at the map edges', () => {
    const v = zoomTo(fitView(map, wide), map, wide, 2, { x: 0, y: 0 });
    const p = panBy(v, map, wide, 1e6, 1e6);
    expect(p.x).toBe(0);
    expect(p.y).toBe(0);
    const q = panBy(v, map, wide, -1e6, -1e6);
    expect(q.x + q.width).toBeCloseTo(map.width, 6);
    expect(q.y + q.height).toBeCloseTo(map.height, 6);
  });
  test('leaves the whole-map view where it is', () => {
    const v = fitView(map, phone);
    expect(panBy(v, map, phone, 50, -50)).toEqual(v);
  });
});

describe('clampView', () => {
  test('centres a view larger than the map and keeps a smaller one inside it', () => {
    expect(clampView({ x: 500, y: -30, width: 2000, height: 100 }, map)).toEqual({ x: -221, y: 0, width: 2000, height: 100 });
  });
});

describe('resizeView', () => {
  test('returns the whole map again when the view showed the whole map', () => {
    const v = fitView(map, phone);
    const r = resizeView(v, map, phone, wide);
    expect(isFitted(r, map, wide)).toBe(true);
  });
  test('keeps the scale and the map point at the centre when zoomed in', () => {
    const v = zoomTo(fitView(map, wide), map, wide, 1.5, { x: 400, y: 300 });
    const box = { width: 1000, height: 900 };
    const r = resizeView(v, map, wide, box);
    expect(scaleOf(r, box)).toBeCloseTo(1.5, 10);
    expect(r.x + r.width / 2).toBeCloseTo(v.x + v.width / 2, 6);
    expect(r.y + r.height / 2).toBeCloseTo(v.y + v.height / 2, 6);
  });
});

describe('shows and reveal', () => {
  test('reveal moves the view just enough to show a box, at the same scale', () => {
    const v = zoomTo(fitView(map, wide), map, wide, 2, { x: 0, y: 0 });
    const box = { x: 1200, y: 900, width: 168, height: 70 };
    expect(shows(v, box)).toBe(false);
    const r = reveal(v, map, box);
    expect(shows(r, box)).toBe(true);
    expect(r.width).toBe(v.width);
    expect(r.x + r.width).toBeCloseTo(box.x + box.width, 6);
    expect(r.y + r.height).toBeCloseTo(box.y + box.height, 6);
  });
  test('reveal leaves the view alone when the box is already shown', () => {
    const v = fitView(map, wide);
    expect(reveal(v, map, { x: 10, y: 10, width: 20, height: 20 })).toEqual(v);
  });
});
