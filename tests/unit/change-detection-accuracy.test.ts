/**
 * Change detection on the full sample epochs (data/epochs/), measured against the planted changes
 * committed with them: recall of planted changes of 50 m² or more (target ≥ 90 %) and the share
 * of false patches (target ≤ 10 %). Counts come from the ground truth file, not from this test.
 *
 * A planted change is found when detected patches cover at least half of its footprint. A patch is
 * true when at least a quarter of it lies on a planted change of any size (a planted 40 m² shed
 * found as 52 m² is a real change, not a false alarm); otherwise it is false.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, test } from 'vitest';
import { validateEpoch, type LocalImageEpoch } from '../../src/domain/epochs';
import { detectChanges, type DetectedChange } from '../../src/geo/change-detection';
import { decodePng, type RgbaImage } from '../e2e/png';

const DATA = new URL('../../data/epochs/', import.meta.url);
const RECALL_TARGET = 0.9;
const FALSE_PATCH_LIMIT = 0.1;
const MINIMUM_AREA = 50;

interface EpochsFile {
  epochs: unknown[];
  images: Record<string, { file: string; mimeType: string; rgbaSha256: string }>;
}

function readEpochs(): { epochs: LocalImageEpoch[]; images: EpochsFile['images'] } {
  const file = JSON.parse(readFileSync(new URL('sample-epochs.json', DATA), 'utf8')) as EpochsFile;
  const epochs = file.epochs.map((input) => {
    const result = validateEpoch(input);
    if (!result.ok) throw new Error(result.error);
    return result.value as LocalImageEpoch;
  });
  return { epochs, images: file.images };
}

function readImage(name: string): RgbaImage {
  return decodePng(readFileSync(new URL(name, DATA)));
}

function overlapArea(a: Feature<Polygon>, b: Feature<Polygon>): number {
  const [aw, as, ae, an] = turf.bbox(a);
  const [bw, bs, be, bn] = turf.bbox(b);
  if (aw > be || bw > ae || as > bn || bs > an) return 0;
  const intersection = turf.intersect(turf.featureCollection([a, b]));
  return intersection ? turf.area(intersection) : 0;
}

describe('change detection on the sample epochs', () => {
  const { epochs, images } = readEpochs();
  const [earlier, later] = epochs as [LocalImageEpoch, LocalImageEpoch];
  const earlierImage = readImage(images[earlier.id]!.file);
  const laterImage = readImage(images[later.id]!.file);
  const planted = (JSON.parse(readFileSync(new URL('planted-changes.geojson', DATA), 'utf8')) as FeatureCollection<Polygon>).features;

  test('the committed images are the ones their record describes', () => {
    for (const [epoch, image] of [[earlier, earlierImage], [later, laterImage]] as const) {
      expect([image.width, image.height]).toEqual([epoch.widthPixels, epoch.heightPixels]);
      expect(createHash('sha256').update(image.data).digest('hex')).toBe(images[epoch.id]!.rgbaSha256);
    }
    expect(earlier.bounds).toEqual(later.bounds);
  });

  test(`finds ≥ ${RECALL_TARGET * 100} % of the planted changes of ${MINIMUM_AREA} m² or more, with ≤ ${FALSE_PATCH_LIMIT * 100} % false patches`, () => {
    const started = performance.now();
    const result = detectChanges(earlierImage, laterImage, { width: earlier.widthPixels, height: earlier.heightPixels, bounds: earlier.bounds });
    const milliseconds = performance.now() - started;
    const patches = result.changes.map((change: DetectedChange) => turf.feature(change.polygon));
    const large = planted.filter((change) => Number(change.properties?.['areaSquareMeters']) >= MINIMUM_AREA);
    const found = large.filter((change) => {
      const covered = patches.reduce((sum, patch) => sum + overlapArea(change, patch), 0);
      return covered >= 0.5 * turf.area(change);
    });
    const falsePatches = patches.filter((patch) => !planted.some((change) => overlapArea(patch, change) >= 0.25 * turf.area(patch)));
    const recall = found.length / large.length;
    const falseShare = patches.length === 0 ? 0 : falsePatches.length / patches.length;
    console.log(
      `sample epochs ${earlier.widthPixels}×${earlier.heightPixels} px: ${patches.length} patches in ${milliseconds.toFixed(0)} ms; ` +
        `recall ${found.length}/${large.length} = ${(recall * 100).toFixed(1)} % of planted changes ≥ ${MINIMUM_AREA} m²; ` +
        `false patches ${falsePatches.length}/${patches.length} = ${(falseShare * 100).toFixed(1)} %`,
    );
    expect(large.length).toBeGreaterThan(0);
    expect(recall).toBeGreaterThanOrEqual(RECALL_TARGET);
    expect(falseShare).toBeLessThanOrEqual(FALSE_PATCH_LIMIT);
  });
});
