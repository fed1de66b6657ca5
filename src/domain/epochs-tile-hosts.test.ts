import { describe, expect, it } from 'vitest';
import { DEFAULT_TILE_HOSTS, normaliseTileHost, restoreTileHosts, tileOriginsAllowedByPolicy, tileTemplateRefusal } from './epochs-tile-hosts';

const POLICY = "default-src 'self'; img-src 'self' data: blob: https://t0.tianditu.gov.cn https://t1.tianditu.gov.cn; connect-src 'self' data: blob: https://t0.tianditu.gov.cn";
const SELF = 'http://127.0.0.1:4173';
const TEMPLATE = 'https://t0.tianditu.gov.cn/img_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY';

describe('tile hosts', () => {
  it('defaults to 天地图 t0–t7 and nothing else', () => {
    expect(DEFAULT_TILE_HOSTS).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7'].map((name) => `${name}.tianditu.gov.cn`));
    expect(restoreTileHosts(undefined)).toEqual(DEFAULT_TILE_HOSTS);
    expect(restoreTileHosts(['T0.tianditu.gov.cn', 'bad host', 'tiles.example.cn:8443'])).toEqual(['t0.tianditu.gov.cn', 'tiles.example.cn:8443']);
  });

  it('takes host names only', () => {
    expect(normaliseTileHost(' Tiles.Example.CN ')).toEqual({ ok: true, value: 'tiles.example.cn' });
    expect(normaliseTileHost('*.example.cn')).toMatchObject({ ok: false, error: expect.stringContaining('通配符') });
    expect(normaliseTileHost('https://example.cn')).toMatchObject({ ok: false, error: expect.stringContaining('不要带 http://') });
  });

  it('reads the origins a policy allows in both img-src and connect-src', () => {
    expect([...tileOriginsAllowedByPolicy(POLICY, SELF)!].sort()).toEqual([SELF, 'https://t0.tianditu.gov.cn'].sort());
    expect(tileOriginsAllowedByPolicy(null, SELF)).toBeNull();
  });

  it('refuses a host off the project list, and one the policy does not name, saying which', () => {
    const policy = tileOriginsAllowedByPolicy(POLICY, SELF);
    expect(tileTemplateRefusal(TEMPLATE, DEFAULT_TILE_HOSTS, policy)).toBeNull();
    expect(tileTemplateRefusal(TEMPLATE, ['t1.tianditu.gov.cn'], policy)).toContain('t0.tianditu.gov.cn 不在本项目允许的主机列表中');
    expect(tileTemplateRefusal(TEMPLATE.replace('t0', 't1'), DEFAULT_TILE_HOSTS, policy)).toContain('不在本部署的内容安全策略');
    expect(tileTemplateRefusal(TEMPLATE.replace('https', 'http'), DEFAULT_TILE_HOSTS, policy)).toContain('http://t0.tianditu.gov.cn 不在本部署的内容安全策略');
    expect(tileTemplateRefusal('https://evil.example/{z}/{x}/{y}.png', DEFAULT_TILE_HOSTS, null)).toContain('evil.example');
  });
});
