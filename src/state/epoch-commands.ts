/**
 * Staff-added imagery epochs: an image file prepared by the epoch-image worker (stored with its
 * record in one transaction), or an XYZ tile service on an allowed host (no bytes stored); and
 * removing an epoch nobody's patches refer to, with its image. Also the project's tile-host
 * allow-list (a meta entry).
 */
import { validateEpoch, type Epoch, type EpochSource, type LonLatBounds } from '../domain/epochs';
import { TILE_HOSTS_META_KEY, normaliseTileHost, restoreTileHosts, tileTemplateRefusal } from '../domain/epochs-tile-hosts';
import type { PreparedEpochImage } from '../workers/epoch-image-import-client';
import type { ProjectService } from './project-service';

export interface EpochDescription {
  name: string;
  /** YYYY-MM-DD. */
  date: string;
  source: EpochSource;
  /** Metres per pixel; null = the image's own (files) — required for tile services. */
  resolutionMetersPerPixel: number | null;
}

export type EpochCommandResult = { ok: true; epoch: Epoch } | { ok: false; error: string };

function newEpochId(service: ProjectService): string {
  return `epoch-user-${service.now().getTime().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Stores an epoch from a prepared image file: the record and the bytes in one transaction. */
export async function addImageEpoch(service: ProjectService, description: EpochDescription, prepared: PreparedEpochImage): Promise<EpochCommandResult> {
  const candidate = {
    id: newEpochId(service), name: description.name.trim(), date: description.date, source: description.source,
    resolutionMetersPerPixel: description.resolutionMetersPerPixel ?? Number(prepared.resolutionMetersPerPixel.toPrecision(4)),
    bounds: prepared.bounds, imageKind: prepared.imageKind, widthPixels: prepared.widthPixels, heightPixels: prepared.heightPixels,
    georeference: prepared.georeference,
  };
  const result = validateEpoch(candidate);
  if (!result.ok) return { ok: false, error: result.error };
  await service.saveChanges([{ kind: 'epochs', put: [result.value] }], '添加影像时相', {
    images: { put: [{ epochId: result.value.id, mimeType: prepared.mimeType, bytes: prepared.bytes }] },
  });
  return { ok: true, epoch: result.value };
}

/** Where tiles may come from: the project's list and the page's policy origins (null = no policy). */
export interface TileHostRules {
  allowedHosts: readonly string[];
  policyOrigins: ReadonlySet<string> | null;
}

/** Stores an epoch shown from an XYZ tile service, after checking the template and its host. */
export async function addTileEpoch(service: ProjectService, description: EpochDescription & { bounds: LonLatBounds; tileUrlTemplate: string }, rules: TileHostRules): Promise<EpochCommandResult> {
  if (description.resolutionMetersPerPixel === null) return { ok: false, error: '瓦片时相须填写分辨率（米/像素）' };
  const candidate = {
    id: newEpochId(service), name: description.name.trim(), date: description.date, source: description.source,
    resolutionMetersPerPixel: description.resolutionMetersPerPixel, bounds: description.bounds, imageKind: 'xyz', tileUrlTemplate: description.tileUrlTemplate.trim(),
  };
  const result = validateEpoch(candidate);
  if (!result.ok) return { ok: false, error: result.error };
  const refusal = tileTemplateRefusal(candidate.tileUrlTemplate, rules.allowedHosts, rules.policyOrigins);
  if (refusal) return { ok: false, error: `影像时相 ${candidate.name}：${refusal}` };
  await service.saveChanges([{ kind: 'epochs', put: [result.value] }], '添加影像时相');
  return { ok: true, epoch: result.value };
}

/** Removes an epoch and its image (one transaction), unless change patches were detected on it. */
export async function deleteEpoch(service: ProjectService, epochId: string): Promise<string | null> {
  const { epochs, changePatches } = service.store.getState().records;
  const epoch = epochs.find((entry) => entry.id === epochId);
  if (!epoch) return `找不到影像时相 ${epochId}`;
  const used = changePatches.filter((patch) => patch.properties.beforeEpochId === epochId || patch.properties.afterEpochId === epochId).length;
  if (used > 0) return `影像时相 ${epoch.name}：有 ${used} 个变化图斑据此检测，不能删除`;
  await service.saveChanges([{ kind: 'epochs', put: [], delete: [epochId] }], '删除影像时相', { images: { put: [], delete: [epochId] } });
  return null;
}

/** The project's tile-host allow-list (default: 天地图 t0–t7). */
export async function readTileHosts(service: ProjectService): Promise<string[]> {
  return restoreTileHosts(await service.readSetting<unknown>(TILE_HOSTS_META_KEY));
}

/** Saves the allow-list from text (one host a line or comma-separated); refuses a malformed host. */
export async function saveTileHosts(service: ProjectService, text: string): Promise<{ ok: true; hosts: string[] } | { ok: false; error: string }> {
  const hosts: string[] = [];
  for (const entry of text.split(/[\s,，]+/).filter((part) => part !== '')) {
    const host = normaliseTileHost(entry);
    if (!host.ok) return host;
    if (!hosts.includes(host.value)) hosts.push(host.value);
  }
  await service.saveSetting(TILE_HOSTS_META_KEY, hosts);
  return { ok: true, hosts };
}
