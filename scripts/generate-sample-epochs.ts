/**
 * Writes the two sample imagery epochs and their ground truth to data/epochs/ from the committed
 * sample county (data/sample-county.json, data/base-map.json):
 *   epoch-2025-11.png, epoch-2026-11.png  RGB PNGs, 2000 × 2000 px at 1 m per pixel
 *   sample-epochs.json                    the epoch records, image file names and pixel checksums
 *   planted-changes.geojson               the planted changes (新增 / 消失), styled for any GeoJSON viewer
 *
 *   npx tsx scripts/generate-sample-epochs.ts [--out data/epochs]
 *
 * The PNG encoder is below (node:zlib, no dependency): per-row adaptive filters (the sum of
 * absolute differences heuristic of the PNG specification, §12.8), deflate level 9.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { FeatureCollection, LineString } from 'geojson';
import type { SampleCountyRecords } from '../src/sample/sample-county';
import { renderSampleEpoch } from '../src/sample/epoch-rendering';
import { planSampleEpochs, plantedChangesCollection } from '../src/sample/sample-epochs';

export const EPOCHS_FILE = 'sample-epochs.json';
export const PLANTED_FILE = 'planted-changes.geojson';

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(body.length, 0);
  header.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([header.subarray(4), body])), 0);
  return Buffer.concat([header, body, crc]);
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/** An 8-bit RGB PNG of `rgb` (row-major, 3 bytes per pixel). */
export function encodeRgbPng(width: number, height: number, rgb: Uint8Array): Buffer {
  const stride = width * 3;
  const filtered = Buffer.alloc(height * (stride + 1));
  const candidate = new Uint8Array(stride);
  for (let row = 0; row < height; row++) {
    const line = rgb.subarray(row * stride, (row + 1) * stride);
    const previous = row > 0 ? rgb.subarray((row - 1) * stride, row * stride) : new Uint8Array(stride);
    let bestFilter = 0;
    let bestScore = Infinity;
    let best = new Uint8Array(stride);
    for (let filter = 0; filter <= 4; filter++) {
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const left = i >= 3 ? (line[i - 3] as number) : 0;
        const up = previous[i] as number;
        const upLeft = i >= 3 ? (previous[i - 3] as number) : 0;
        const predictor = filter === 0 ? 0 : filter === 1 ? left : filter === 2 ? up : filter === 3 ? (left + up) >> 1 : paeth(left, up, upLeft);
        const value = ((line[i] as number) - predictor) & 0xff;
        candidate[i] = value;
        score += value < 128 ? value : 256 - value;
      }
      if (score < bestScore) {
        bestScore = score;
        bestFilter = filter;
        best = candidate.slice();
      }
    }
    filtered[row * (stride + 1)] = bestFilter;
    filtered.set(best, row * (stride + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filtered, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** SHA-256 of RGBA pixels with alpha 255: what a decoder of the PNG gives, so tests can check a file against its record. */
export function rgbaChecksum(rgb: Uint8Array): string {
  const rgba = new Uint8Array((rgb.length / 3) * 4);
  for (let pixel = 0; pixel < rgb.length / 3; pixel++) {
    rgba[pixel * 4] = rgb[pixel * 3] as number;
    rgba[pixel * 4 + 1] = rgb[pixel * 3 + 1] as number;
    rgba[pixel * 4 + 2] = rgb[pixel * 3 + 2] as number;
    rgba[pixel * 4 + 3] = 255;
  }
  return createHash('sha256').update(rgba).digest('hex');
}

function main(): void {
  const arguments_ = process.argv.slice(2);
  const outIndex = arguments_.indexOf('--out');
  const outDirectory = outIndex >= 0 ? (arguments_[outIndex + 1] ?? 'data/epochs') : 'data/epochs';
  const records = JSON.parse(readFileSync('data/sample-county.json', 'utf8')) as SampleCountyRecords;
  const baseMap = JSON.parse(readFileSync('data/base-map.json', 'utf8')) as {
    roads: FeatureCollection<LineString, { class: string }>;
    rivers: FeatureCollection<LineString, { widthMeters: number }>;
  };
  const started = performance.now();
  const scene = planSampleEpochs({ violations: records.violations, villageBlocks: records.villageBlocks, industrialBlocks: records.industrialBlocks, roads: baseMap.roads, rivers: baseMap.rivers });
  mkdirSync(outDirectory, { recursive: true });
  const images: Record<string, { file: string; mimeType: string; rgbaSha256: string }> = {};
  scene.epochs.forEach((epoch, index) => {
    const rgb = renderSampleEpoch(scene, index as 0 | 1);
    const file = `${epoch.id}.png`;
    writeFileSync(join(outDirectory, file), encodeRgbPng(scene.widthPixels, scene.heightPixels, rgb));
    images[epoch.id] = { file, mimeType: 'image/png', rgbaSha256: rgbaChecksum(rgb) };
    console.log(`  ${file}: ${(statSync(join(outDirectory, file)).size / 1e6).toFixed(2)} MB`);
  });
  writeFileSync(join(outDirectory, EPOCHS_FILE), `${JSON.stringify({ epochs: scene.epochs, images }, null, 2)}\n`);
  writeFileSync(join(outDirectory, PLANTED_FILE), JSON.stringify(plantedChangesCollection(scene)));
  const planted = scene.planted;
  const large = planted.filter((change) => change.properties.areaSquareMeters >= 50);
  console.log(`sample epochs: ${scene.widthPixels}×${scene.heightPixels} px, ${scene.buildings.length} buildings, ${planted.length} planted changes`);
  console.log(`  新增 ${planted.filter((change) => change.properties.change === '新增').length}, 消失 ${planted.filter((change) => change.properties.change === '消失').length}; ${large.length} of them ≥ 50 m²`);
  console.log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main();
