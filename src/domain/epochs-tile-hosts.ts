/**
 * Which hosts XYZ tile epochs may come from. Two lists must both allow a template's host:
 *
 * - the deployment's ceiling: the hosts the built app's Content-Security-Policy lets images and
 *   requests reach (`img-src` and `connect-src`, set at build time — a `<meta>` policy cannot be
 *   widened while the page runs). By default 天地图 t0–t7.tianditu.gov.cn over https; an
 *   administrator builds with `ONEMAP_TILE_ORIGINS` to name others (vite.config.ts);
 * - the project's allow-list (meta entry {@link TILE_HOSTS_META_KEY}), which staff edit and which
 *   can only narrow the ceiling: a host added there that the policy does not name is refused with
 *   the reason, instead of failing silently at tile-fetch time.
 *
 * Pure: the policy text and the page's own host are passed in.
 */
export const TILE_HOSTS_META_KEY = 'tileHosts';

/** 天地图's tile hosts (https), the default of both lists. */
export const DEFAULT_TILE_HOSTS: readonly string[] = Array.from({ length: 8 }, (_, index) => `t${index}.tianditu.gov.cn`);

const HOST = /^(?=.{1,253}(:\d{1,5})?$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/;

export type TileHostResult = { ok: true; value: string } | { ok: false; error: string };

/** A host name (with an optional port) as staff type it, lower-cased; no scheme, path or wildcard. */
export function normaliseTileHost(input: string): TileHostResult {
  const host = input.trim().toLowerCase();
  if (host === '') return { ok: false, error: '主机名不能为空' };
  if (host.includes('*')) return { ok: false, error: `主机 ${host}：不允许通配符，请逐个填写` };
  if (host.includes('/') || host.includes('@')) return { ok: false, error: `主机 ${host}：只填主机名（可带端口），不要带 http:// 或路径` };
  if (!HOST.test(host)) return { ok: false, error: `主机 ${host}：不是有效的主机名` };
  return { ok: true, value: host };
}

/** The project's allow-list from a stored meta value (anything malformed falls back to the default). */
export function restoreTileHosts(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [...DEFAULT_TILE_HOSTS];
  const hosts = stored.filter((entry): entry is string => typeof entry === 'string').map(normaliseTileHost);
  return [...new Set(hosts.flatMap((host) => (host.ok ? [host.value] : [])))];
}

function directiveSources(policy: string, directive: string): string[] {
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name?.toLowerCase() === directive) return sources;
  }
  return [];
}

/** Origins (scheme, host and port) a source list names, with 'self' as `selfOrigin`. */
function originsOf(sources: readonly string[], selfOrigin: string): Set<string> {
  const origins = new Set<string>();
  for (const source of sources) {
    if (source === "'self'") origins.add(selfOrigin);
    const match = /^(https?):\/\/([^/*]+)\/?$/i.exec(source);
    if (match) origins.add(`${match[1]!.toLowerCase()}://${match[2]!.toLowerCase()}`);
  }
  return origins;
}

/**
 * The origins tiles may come from under a Content-Security-Policy (named in both `img-src` and
 * `connect-src`, or `default-src` where one is missing), or null when there is no policy (the dev
 * server): then only the project's allow-list applies.
 */
export function tileOriginsAllowedByPolicy(policy: string | null, selfOrigin: string): Set<string> | null {
  if (policy === null) return null;
  const fallback = directiveSources(policy, 'default-src');
  const image = directiveSources(policy, 'img-src');
  const connect = directiveSources(policy, 'connect-src');
  const imageOrigins = originsOf(image.length > 0 ? image : fallback, selfOrigin);
  const connectOrigins = originsOf(connect.length > 0 ? connect : fallback, selfOrigin);
  return new Set([...imageOrigins].filter((origin) => connectOrigins.has(origin)));
}

/**
 * Why a tile URL template may not be used, or null: its host must be on the project's allow-list
 * and its origin allowed by the policy (when there is one).
 */
export function tileTemplateRefusal(template: string, allowedHosts: readonly string[], policyOrigins: ReadonlySet<string> | null): string | null {
  let url: URL;
  try {
    url = new URL(template.trim().replaceAll('{z}', '0').replaceAll('{x}', '0').replaceAll('{y}', '0'));
  } catch {
    return '瓦片地址不是有效的网址';
  }
  const host = url.host.toLowerCase();
  if (!allowedHosts.includes(host)) return `瓦片主机 ${host} 不在本项目允许的主机列表中（${allowedHosts.join('、') || '空'}）`;
  if (policyOrigins && !policyOrigins.has(`${url.protocol}//${host}`)) {
    return `瓦片来源 ${url.protocol}//${host} 不在本部署的内容安全策略（CSP）中，浏览器会拦截；须由管理员以 ONEMAP_TILE_ORIGINS 重新构建`;
  }
  return null;
}
