/**
 * Understands the coordinate systems Chinese survey data arrives in, from a .prj (ESRI WKT):
 * geographic (CGCS2000 / WGS84), Gauss-Krüger / transverse Mercator (3° or 6° zones, with or
 * without the zone number in the false easting) and Web Mercator.
 */
import type { CoordinateSystem } from '../domain/coordinate-system';

export type PrjResult = { ok: true; value: CoordinateSystem } | { ok: false; error: string };

function parameter(wkt: string, name: string): number | null {
  const match = new RegExp(`PARAMETER\\[\\s*"${name}"\\s*,\\s*(-?[\\d.eE+-]+)\\s*\\]`, 'i').exec(wkt);
  return match ? Number(match[1]) : null;
}

export function readPrj(text: string): PrjResult {
  const wkt = text.trim();
  const name = /^[A-Z]+CS\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? '';
  if (/^GEOGCS\[/i.test(wkt)) return { ok: true, value: { kind: 'geographic', name } };
  if (!/^PROJCS\[/i.test(wkt)) return { ok: false, error: `无法识别的坐标系定义：${wkt.slice(0, 60)}` };
  const projection = /PROJECTION\[\s*"([^"]+)"/i.exec(wkt)?.[1] ?? '';
  if (/mercator_auxiliary_sphere|popular_visualisation|pseudo_mercator/i.test(projection) || /web_mercator|3857/i.test(name)) {
    return { ok: true, value: { kind: 'webMercator', name } };
  }
  if (!/transverse_mercator|gauss_kruger/i.test(projection)) return { ok: false, error: `暂不支持的投影：${projection || name}` };
  const centralMeridian = parameter(wkt, 'central_meridian');
  if (centralMeridian === null) return { ok: false, error: `坐标系 ${name} 缺少中央经线（central_meridian）` };
  return {
    ok: true,
    value: {
      kind: 'transverseMercator', name, centralMeridian,
      falseEasting: parameter(wkt, 'false_easting') ?? 500000,
      falseNorthing: parameter(wkt, 'false_northing') ?? 0,
      scaleFactor: parameter(wkt, 'scale_factor') ?? 1,
      latitudeOfOrigin: parameter(wkt, 'latitude_of_origin') ?? 0,
    },
  };
}
