/**
 * The patrol report form for one grid cell: who, when, what was found, an optional photo and the
 * buildings found, each becoming a 新增 violation. Saved as one edit by filePatrolReport.
 */
import { useState } from 'react';
import { BUILDING_TYPES, type BuildingType } from '../../domain/records';
import type { GridCell } from '../../domain/grid-patrols';
import { cellInteriorPoint, filePatrolReport, localDateTimeOf, MAX_PHOTO_BYTES, type FoundBuilding } from '../../state/patrol-commands';
import type { ProjectService } from '../../state/project-service';

const PHOTO_MAX_EDGE_PIXELS = 1024;

/** Reads an image file and re-encodes it as a JPEG data URL no larger than 1024 px on its long edge. */
async function photoDataUrl(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, PHOTO_MAX_EDGE_PIXELS / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return canvas.toDataURL('image/jpeg', 0.75);
}

interface FoundDraft { longitude: string; latitude: string; area: string; buildingType: BuildingType; ownerName: string }

export function PatrolForm({ service, cell, onFiled }: { service: ProjectService; cell: GridCell; onFiled(message: string): void }) {
  const [patroller, setPatroller] = useState(cell.properties.responsiblePerson);
  const [at, setAt] = useState(() => localDateTimeOf(service.now()));
  const [findings, setFindings] = useState('');
  const [photo, setPhoto] = useState<string | null>(null);
  const [found, setFound] = useState<FoundDraft[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  function addFound() {
    const point = cellInteriorPoint(cell);
    setFound((list) => [...list, { longitude: String(point.longitude), latitude: String(point.latitude), area: '100', buildingType: '住宅', ownerName: '' }]);
  }
  const updateFound = (index: number, patch: Partial<FoundDraft>) => setFound((list) => list.map((entry, position) => (position === index ? { ...entry, ...patch } : entry)));

  async function choosePhoto(file: File | undefined) {
    setError(null);
    if (!file) return setPhoto(null);
    try {
      const url = await photoDataUrl(file);
      if (url.length > MAX_PHOTO_BYTES) throw new Error(`压缩后仍有 ${Math.round(url.length / 1000)} KB，上限 ${MAX_PHOTO_BYTES / 1000} KB`);
      setPhoto(url);
    } catch (reason) {
      setPhoto(null);
      setError(`照片「${file.name}」无法使用：${reason instanceof Error ? reason.message : String(reason)}`);
    }
  }

  async function submit() {
    setSaving(true);
    const buildings: FoundBuilding[] = found.map((entry) => ({
      longitude: Number(entry.longitude), latitude: Number(entry.latitude), areaSquareMeters: Number(entry.area), buildingType: entry.buildingType, ownerName: entry.ownerName,
    }));
    const refusal = await filePatrolReport(service, { cellId: cell.id, patroller, at, findings, photo, found: buildings });
    setSaving(false);
    setError(refusal);
    if (refusal === null) {
      onFiled(`已保存网格「${cell.properties.code}」的巡查报告${buildings.length > 0 ? `，新增违建图斑 ${buildings.length} 处` : ''}`);
      setFindings('');
      setFound([]);
      setPhoto(null);
    }
  }

  return (
    <form className="patrol-form" data-testid="patrol-form" onSubmit={(event) => { event.preventDefault(); void submit(); }}>
      <h2>巡查上报：{cell.properties.code}</h2>
      <p>网格员 {cell.properties.responsiblePerson}（{cell.properties.responsiblePhone}）</p>
      <label>巡查人<input data-testid="patrol-patroller" value={patroller} onChange={(event) => setPatroller(event.target.value)} /></label>
      <label>巡查时间<input type="datetime-local" data-testid="patrol-at" value={at} onChange={(event) => setAt(event.target.value)} /></label>
      <label>巡查情况<textarea data-testid="patrol-findings" rows={3} value={findings} placeholder="如：未发现新增违建 / 发现在建砖混房一处，已责令停工" onChange={(event) => setFindings(event.target.value)} /></label>
      <label>现场照片（可选，自动压缩，≤ {MAX_PHOTO_BYTES / 1000} KB）
        <input type="file" accept="image/*" data-testid="patrol-photo" onChange={(event) => void choosePhoto(event.target.files?.[0])} />
      </label>
      {photo && <img className="patrol-photo-preview" src={photo} alt="现场照片预览" />}
      {found.map((entry, index) => (
        <fieldset key={index} className="patrol-found" data-testid="patrol-found">
          <legend>发现的违建 {index + 1}（新增，位置须在本网格内）</legend>
          <label>经度<input data-testid="patrol-found-longitude" value={entry.longitude} onChange={(event) => updateFound(index, { longitude: event.target.value })} /></label>
          <label>纬度<input data-testid="patrol-found-latitude" value={entry.latitude} onChange={(event) => updateFound(index, { latitude: event.target.value })} /></label>
          <label>估算面积（m²）<input data-testid="patrol-found-area" inputMode="decimal" value={entry.area} onChange={(event) => updateFound(index, { area: event.target.value })} /></label>
          <label>建筑类型
            <select data-testid="patrol-found-type" value={entry.buildingType} onChange={(event) => updateFound(index, { buildingType: event.target.value as BuildingType })}>
              {BUILDING_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
            </select>
          </label>
          <label>当事人<input data-testid="patrol-found-owner" value={entry.ownerName} placeholder="待查" onChange={(event) => updateFound(index, { ownerName: event.target.value })} /></label>
          <button type="button" onClick={() => setFound((list) => list.filter((_, position) => position !== index))}>移除</button>
        </fieldset>
      ))}
      <button type="button" data-testid="patrol-add-found" onClick={addFound}>＋ 发现违建（生成新增图斑）</button>
      {error && <p className="panel-error" role="alert" data-testid="patrol-refusal">{error}</p>}
      <button type="submit" data-testid="patrol-submit" disabled={saving}>{saving ? '正在保存…' : '提交巡查报告'}</button>
    </form>
  );
}
