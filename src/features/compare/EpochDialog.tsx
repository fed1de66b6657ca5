/**
 * Adding an imagery epoch (时相): a GeoTIFF (its own georeferencing), a PNG/JPEG placed by a world
 * file or by entered bounds in a chosen coordinate system, or an XYZ tile URL on an allowed host;
 * with its date, source and resolution. Files are prepared in a worker and stored locally with the
 * record (one transaction). Also the project's tile-host allow-list and removing added epochs.
 */
import { useEffect, useRef, useState } from 'react';
import { EPOCH_SOURCES, type Epoch, type EpochSource, type LonLatBounds } from '../../domain/epochs';
import { SUPPORTED_IMAGE_COORDINATE_SYSTEMS, imageCoordinateSystemLabel } from '../../domain/epochs-georeference';
import { tileOriginsAllowedByPolicy } from '../../domain/epochs-tile-hosts';
import { isWorldFileName } from '../../io/world-file';
import { addImageEpoch, addTileEpoch, deleteEpoch, readTileHosts, saveTileHosts, type EpochDescription } from '../../state/epoch-commands';
import type { ProjectService } from '../../state/project-service';
import { createEpochImageImporter, type EpochImageFile } from '../../workers/epoch-image-import-client';

type EpochKind = 'file' | 'tiles';

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function pagePolicy(): string | null {
  return document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null;
}

/** The image file and world file chosen, as the worker's input (or the reason they can't be). */
async function imageInput(files: readonly File[], coordinateSystem: number, bounds: string[]): Promise<{ ok: true; value: EpochImageFile } | { ok: false; error: string }> {
  const worldFile = files.find((file) => isWorldFileName(file.name));
  const images = files.filter((file) => file !== worldFile);
  if (images.length !== 1) return { ok: false, error: images.length === 0 ? '请选择一个影像文件（GeoTIFF、PNG 或 JPEG）' : `一次只能添加一个影像文件（选了 ${images.map((file) => file.name).join('、')}）` };
  const image = images[0]!;
  const bytes = await image.arrayBuffer();
  if (/\.tiff?$/i.test(image.name) || image.type === 'image/tiff') return { ok: true, value: { kind: 'geotiff', fileName: image.name, bytes, coordinateSystem } };
  if (worldFile) return { ok: true, value: { kind: 'picture', fileName: image.name, bytes, mimeType: image.type, coordinateSystem, placement: { kind: 'worldFile', fileName: worldFile.name, text: await worldFile.text() } } };
  if (bounds.some((value) => value.trim() === '')) return { ok: false, error: `图片 ${image.name}：请附带世界文件（.pgw/.jgw/.wld），或填写西、南、东、北范围` };
  return { ok: true, value: { kind: 'picture', fileName: image.name, bytes, mimeType: image.type, coordinateSystem, placement: { kind: 'bounds', bounds: bounds.map(Number) as [number, number, number, number] } } };
}

export function EpochDialog({ service, epochs, viewBounds, onAdded, onClose }: {
  service: ProjectService;
  epochs: readonly Epoch[];
  viewBounds: LonLatBounds | null;
  onAdded(epoch: Epoch): void;
  onClose(): void;
}) {
  const [kind, setKind] = useState<EpochKind>('file');
  const [files, setFiles] = useState<File[]>([]);
  const [name, setName] = useState('');
  const [date, setDate] = useState(today);
  const [source, setSource] = useState<EpochSource>('航拍');
  const [resolution, setResolution] = useState('');
  const [coordinateSystem, setCoordinateSystem] = useState(4490);
  const [bounds, setBounds] = useState<string[]>(() => (viewBounds ? viewBounds.map((value) => value.toFixed(6)) : ['', '', '', '']));
  const [template, setTemplate] = useState('');
  const [hostsText, setHostsText] = useState('');
  const [hostsMessage, setHostsMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const importerRef = useRef<ReturnType<typeof createEpochImageImporter> | null>(null);
  useEffect(() => () => importerRef.current?.dispose(), []);
  useEffect(() => {
    void readTileHosts(service).then((hosts) => setHostsText(hosts.join('\n')));
  }, [service]);
  const policyOrigins = tileOriginsAllowedByPolicy(pagePolicy(), location.origin);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const resolutionValue = resolution.trim() === '' ? null : Number(resolution);
      if (resolutionValue !== null && !(resolutionValue > 0)) {
        setError('分辨率须为正数（米/像素），或留空按文件计算');
        return;
      }
      const description: EpochDescription = { name: name.trim() || `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月 ${source}`, date, source, resolutionMetersPerPixel: resolutionValue };
      let result;
      if (kind === 'tiles') {
        if (bounds.some((value) => value.trim() === '' || !Number.isFinite(Number(value)))) {
          setError('瓦片时相须填写经纬度范围（西、南、东、北）');
          return;
        }
        result = await addTileEpoch(service, { ...description, bounds: bounds.map(Number) as LonLatBounds, tileUrlTemplate: template }, { allowedHosts: await readTileHosts(service), policyOrigins });
      } else {
        const input = await imageInput(files, coordinateSystem, bounds);
        if (!input.ok) {
          setError(input.error);
          return;
        }
        importerRef.current ??= createEpochImageImporter();
        const prepared = await importerRef.current.prepare(input.value);
        if (!prepared.ok) {
          setError(prepared.error);
          return;
        }
        result = await addImageEpoch(service, description, prepared.value);
      }
      if (!result.ok) {
        setError(result.error);
        return;
      }
      onAdded(result.epoch);
    } catch (failure) {
      setError(`保存失败：${failure instanceof Error ? failure.message : String(failure)}`);
    } finally {
      setBusy(false);
    }
  }

  async function saveHosts() {
    const result = await saveTileHosts(service, hostsText);
    setHostsMessage(result.ok ? `已保存 ${result.hosts.length} 个主机` : result.error);
    if (result.ok) setHostsText(result.hosts.join('\n'));
  }

  const picturesNeedBounds = kind === 'file' && files.length > 0 && !files.some((file) => /\.tiff?$/i.test(file.name)) && !files.some((file) => isWorldFileName(file.name));
  const added = epochs.filter((epoch) => epoch.georeference || epoch.imageKind === 'xyz');
  return (
    <div className="dialog-backdrop" role="presentation">
      <div className="dialog epoch-dialog" role="dialog" aria-label="添加影像时相" data-testid="epoch-dialog">
        <header>
          <h2>添加影像时相</h2>
          <button type="button" className="close" aria-label="关闭" data-testid="epoch-cancel" onClick={onClose}>×</button>
        </header>
        <form onSubmit={(event) => { event.preventDefault(); void save(); }}>
          <div className="epoch-form-row">
            <label>方式
              <select data-testid="epoch-kind" value={kind} onChange={(event) => setKind(event.target.value as EpochKind)}>
                <option value="file">本地影像文件（GeoTIFF / PNG / JPEG）</option>
                <option value="tiles">在线瓦片地址（XYZ，需联网）</option>
              </select>
            </label>
            <label>日期<input type="date" data-testid="epoch-date" value={date} required onChange={(event) => setDate(event.target.value)} /></label>
            <label>来源
              <select data-testid="epoch-source" value={source} onChange={(event) => setSource(event.target.value as EpochSource)}>
                {EPOCH_SOURCES.map((entry) => <option key={entry} value={entry}>{entry}</option>)}
              </select>
            </label>
          </div>
          <div className="epoch-form-row">
            <label>名称<input data-testid="epoch-name" value={name} maxLength={60} placeholder="留空：按日期和来源命名" onChange={(event) => setName(event.target.value)} /></label>
            <label>分辨率（米/像素）<input data-testid="epoch-resolution" value={resolution} inputMode="decimal" placeholder={kind === 'file' ? '留空：按文件计算' : '必填'} onChange={(event) => setResolution(event.target.value)} /></label>
          </div>
          {kind === 'file' ? (
            <>
              <label>影像文件（GeoTIFF；或 PNG/JPEG，可同时选世界文件 .pgw/.jgw/.tfw/.wld）
                <input type="file" multiple data-testid="epoch-file-input" accept=".tif,.tiff,.png,.jpg,.jpeg,.pgw,.pngw,.jgw,.jpgw,.tfw,.wld,image/png,image/jpeg,image/tiff"
                  onChange={(event) => setFiles(Array.from(event.target.files ?? []))} />
              </label>
              <label>坐标系（GeoTIFF 自带坐标系时以文件为准）
                <select data-testid="epoch-crs" value={coordinateSystem} onChange={(event) => setCoordinateSystem(Number(event.target.value))}>
                  {SUPPORTED_IMAGE_COORDINATE_SYSTEMS.map((code) => <option key={code} value={code}>{imageCoordinateSystemLabel(code)}</option>)}
                </select>
              </label>
              <p className="hint">投影坐标（高斯-克吕格、Web 墨卡托）或带旋转的影像会逐像素重投影（最近邻）到经纬度网格后保存为 PNG；影像只存在本机浏览器中。</p>
            </>
          ) : (
            <>
              <label>瓦片地址（含 {'{z}'}、{'{x}'}、{'{y}'}）
                <input data-testid="epoch-tile-template" value={template} placeholder="天地图等，主机须在下方允许列表中" onChange={(event) => setTemplate(event.target.value)} />
              </label>
              <p className="hint">本部署的内容安全策略允许的瓦片来源：{policyOrigins ? [...policyOrigins].filter((origin) => origin !== location.origin).join('、') || '无' : '（开发模式，无限制）'}。项目允许列表只能在此范围内收窄；要增加来源须由管理员设置 ONEMAP_TILE_ORIGINS 重新构建。瓦片时相不能做变化检测。</p>
            </>
          )}
          {(kind === 'tiles' || picturesNeedBounds) && (
            <fieldset className="epoch-bounds">
              <legend>{kind === 'tiles' ? '范围（经纬度，默认当前视图）' : '范围（所选坐标系：西、南、东、北）'}</legend>
              {(['west', 'south', 'east', 'north'] as const).map((side, index) => (
                <label key={side}>{['西', '南', '东', '北'][index]}
                  <input data-testid={`epoch-bounds-${side}`} value={bounds[index] ?? ''} inputMode="decimal" onChange={(event) => setBounds((current) => current.map((value, at) => (at === index ? event.target.value : value)))} />
                </label>
              ))}
            </fieldset>
          )}
          {error && <p className="panel-error" role="alert" data-testid="epoch-error">{error}</p>}
          <div className="epoch-actions">
            <button type="submit" className="primary" data-testid="epoch-save" disabled={busy}>{busy ? '正在处理…' : '添加'}</button>
          </div>
        </form>
        {kind === 'tiles' && (
          <section className="epoch-hosts">
            <label>本项目允许的瓦片主机（每行一个）
              <textarea data-testid="epoch-tile-hosts" rows={4} value={hostsText} onChange={(event) => setHostsText(event.target.value)} />
            </label>
            <button type="button" data-testid="epoch-tile-hosts-save" onClick={() => void saveHosts()}>保存主机列表</button>
            {hostsMessage && <span className="hint"> {hostsMessage}</span>}
          </section>
        )}
        {added.length > 0 && (
          <section className="epoch-added">
            <h3>已添加的时相</h3>
            <ul>
              {added.map((epoch) => (
                <li key={epoch.id}>
                  {epoch.name}（{epoch.date}，{epoch.source}，{epoch.resolutionMetersPerPixel} 米/像素{epoch.georeference ? `，EPSG:${epoch.georeference.epsg}${epoch.georeference.warped ? '，已重投影' : ''}` : '，在线瓦片'}）
                  <button type="button" data-testid="epoch-delete" onClick={() => void deleteEpoch(service, epoch.id).then((refusal) => setError(refusal))}>删除</button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}
