/**
 * Per-zone statistics kept up to date under edits: the stateful engine behind the statistics
 * worker (`workers/statistics.worker.ts`), pure and testable in Node.
 *
 * It holds the zones (prepared once, with a grid over their boxes), the violations with their
 * bounding boxes and areas, and each zone's contributions (the part of each violation inside it).
 * An edit re-measures only the changed violation in the zones its old and new boxes reach, or only
 * the changed zone, and re-sums those zones' contributions in input order — so the statistics
 * equal `computeZoneStatistics` on {@link ZoneStatisticsEngine.zones} and
 * {@link ZoneStatisticsEngine.violations} exactly (same numbers, not just close).
 *
 * Order: zones and violations keep the order they were loaded or added in; a replaced record keeps
 * its place, an added one goes last (as in an array where edits replace in place and additions
 * push).
 */
import type { Zone } from '../domain/records';
import { type CoverageMeasure, DEFAULT_COVERAGE_TOLERANCE_SQUARE_METERS, type OverlapOptions } from './clip-area';
import { type PreparedArea, prepareArea } from './prepared-area';
import { type BoundingBox, BoxGrid, writeBoundingBox } from './spatial-index';
import { applyOverlap, emptyZoneStatistics, type MeasuredViolation, measureViolationInZone, normalise, type ZoneStatistics } from './zone-statistics';

/** One zone edit: `before` null for an addition, `after` null for a deletion. */
export interface ZoneChange {
  before: Zone | null;
  after: Zone | null;
}

/** What an edit changed: plain JSON data, small enough to post after every edit. */
export interface ZoneStatisticsUpdate {
  /** New statistics of the zones the edit reached (added, changed or re-measured), in zone order. */
  changed: ZoneStatistics[];
  /** Ids of deleted zones. */
  removedZoneIds: string[];
}

/**
 * A violation edit in the form the engine reads (a `ViolationChange` of full records fits):
 * `before` null for an addition, `after` null for a deletion; `before` is matched by id against
 * the engine's own copy.
 */
export interface MeasuredViolationChange {
  before: MeasuredViolation | null;
  after: MeasuredViolation | null;
}

export interface EngineOptions extends OverlapOptions {
  /** The violations' bounding boxes, packed `minX, minY, maxX, maxY` per violation, in order. */
  boxes?: Float64Array;
}

interface ZoneEntry {
  readonly zone: Zone;
  readonly area: PreparedArea;
  /** The coverage of each violation with a non-`outside` coverage in this zone, by slot. */
  contributions: Map<number, CoverageMeasure>;
  statistics: ZoneStatistics;
}

/** Deleted violations leave holes in the slots; past this many (and half the slots) they are closed up. */
const MINIMUM_COMPACTION_HOLES = 1024;

/**
 * The engine. Construction measures everything (the cost of `computeZoneStatistics`);
 * each edit then costs the overlays of one violation, or of one zone against the violations in
 * its box (a linear scan of the packed boxes, well under 1 ms per 100,000), plus re-summing the
 * zones it reached. Throws a RangeError on duplicate ids, and on edits that name a record the
 * engine does not hold (or add one it already holds).
 *
 * Violations live in slots (input order) as parallel arrays — record, box, area — rather than one
 * object each: building 100,000 long-lived objects costs more in garbage collection than the
 * overlays themselves.
 */
export class ZoneStatisticsEngine {
  private readonly tolerance: number;
  /** Violations in input order; null where one was deleted. */
  private slots: (MeasuredViolation | null)[] = [];
  /** Bounding box per slot (west, south, east, north). */
  private boxes = new Float64Array(0);
  /** Ellipsoidal area per slot, NaN until needed. */
  private areas = new Float64Array(0);
  private holes = 0;
  private readonly slotById = new Map<string, number>();
  private readonly zoneEntries = new Map<string, ZoneEntry>();
  /** The zone entries in order, and a grid over their boxes (rebuilt on zone edits). */
  private zoneList: ZoneEntry[] = [];
  private zoneGrid: BoxGrid = new BoxGrid(new Float64Array(0));
  private readonly box: BoundingBox = [0, 0, 0, 0];

  /**
   * `options.boxes`, when given, holds the violations' bounding boxes as packed quadruples (as
   * `packBoundingBoxes` computes them), so that geometries need not be read until a zone's box
   * reaches them (see the lazy violations of `workers/statistics-transfer.ts`).
   */
  constructor(zones: readonly Zone[], violations: readonly MeasuredViolation[], options: EngineOptions = {}) {
    this.tolerance = options.toleranceSquareMeters ?? DEFAULT_COVERAGE_TOLERANCE_SQUARE_METERS;
    this.reserve(violations.length);
    if (options.boxes !== undefined) this.boxes.set(options.boxes.subarray(0, 4 * violations.length));
    for (const violation of violations) {
      this.slotById.set(violation.id, this.slots.length);
      if (this.slotById.size === this.slots.length) throw new RangeError(`ZoneStatisticsEngine: duplicate violation id ${violation.id}`);
      if (options.boxes === undefined) writeBoundingBox(violation.geometry, this.boxes, this.slots.length);
      this.slots.push(violation);
    }
    for (const zone of zones) {
      if (this.zoneEntries.has(zone.id)) throw new RangeError(`ZoneStatisticsEngine: duplicate zone id ${zone.id}`);
      const area = prepareArea(zone.geometry);
      this.zoneEntries.set(zone.id, { zone, area, contributions: new Map(), statistics: emptyZoneStatistics(zone.id, area.areaSquareMeters) });
    }
    this.indexZones();
    // Violation by violation, as computeZoneStatistics does: each zone sums in input order.
    for (let slot = 0; slot < this.slots.length; slot++) {
      const violation = this.slots[slot] as MeasuredViolation;
      for (const zoneIndex of this.zoneGrid.search(this.boxOf(slot))) {
        const zone = this.zoneList[zoneIndex] as ZoneEntry;
        const measure = this.measure(zone.area, slot);
        if (measure === null) continue;
        zone.contributions.set(slot, measure);
        applyOverlap(zone.statistics, violation, measure, 1);
      }
    }
    for (const zone of this.zoneList) zone.statistics = normalise(zone.statistics);
  }

  /** Statistics of every zone, in zone order. The objects are shared: do not modify them. */
  statistics(): ZoneStatistics[] {
    return this.zoneList.map((entry) => entry.statistics);
  }

  /** The zones, in order. */
  zones(): Zone[] {
    return this.zoneList.map((entry) => entry.zone);
  }

  /** The violations, in order. */
  violations(): MeasuredViolation[] {
    return this.slots.filter((violation): violation is MeasuredViolation => violation !== null);
  }

  /**
   * Applies one violation edit. `before` is matched by id (the engine removes its own copy);
   * `after` replaces it in place when the id is the same, otherwise it is added last.
   */
  applyViolationChange(change: MeasuredViolationChange): ZoneStatisticsUpdate {
    return this.applyViolationChanges([change]);
  }

  /**
   * Applies several violation edits in order and reports the zones they reached once. When an
   * edit throws, the edits before it stay applied (and their zones re-summed).
   */
  applyViolationChanges(changes: readonly MeasuredViolationChange[]): ZoneStatisticsUpdate {
    const reached = new Set<ZoneEntry>();
    let changed: ZoneStatistics[] = [];
    try {
      for (const change of changes) this.applyOneViolationChange(change, reached);
    } finally {
      changed = this.resum(reached);
    }
    return { changed, removedZoneIds: [] };
  }

  /** Applies one zone edit: measures that zone only (against the violations in its box). */
  applyZoneChange({ before, after }: ZoneChange): ZoneStatisticsUpdate {
    if (before !== null && !this.zoneEntries.has(before.id)) throw new RangeError(`ZoneStatisticsEngine: no zone ${before.id}`);
    if (after !== null && after.id !== before?.id && this.zoneEntries.has(after.id)) throw new RangeError(`ZoneStatisticsEngine: zone ${after.id} exists`);
    const removedZoneIds: string[] = [];
    if (before !== null && (after === null || after.id !== before.id)) {
      this.zoneEntries.delete(before.id);
      removedZoneIds.push(before.id);
    }
    let changed: ZoneStatistics[] = [];
    if (after !== null) {
      const entry = this.measureZone(after);
      this.zoneEntries.set(after.id, entry);
      changed = [entry.statistics];
    }
    this.indexZones();
    return { changed, removedZoneIds };
  }

  private reserve(count: number): void {
    if (this.areas.length >= count) return;
    const capacity = Math.max(16, count, 2 * this.areas.length);
    const boxes = new Float64Array(4 * capacity);
    boxes.set(this.boxes);
    const areas = new Float64Array(capacity).fill(NaN);
    areas.set(this.areas);
    this.boxes = boxes;
    this.areas = areas;
  }

  /** The box of a slot, in a tuple reused by the next call. */
  private boxOf(slot: number): BoundingBox {
    const { box, boxes } = this;
    box[0] = boxes[4 * slot] as number;
    box[1] = boxes[4 * slot + 1] as number;
    box[2] = boxes[4 * slot + 2] as number;
    box[3] = boxes[4 * slot + 3] as number;
    return box;
  }

  private indexZones(): void {
    this.zoneList = [...this.zoneEntries.values()];
    const boxes = new Float64Array(4 * this.zoneList.length);
    this.zoneList.forEach((zone, index) => boxes.set(zone.area.boundingBox, 4 * index));
    this.zoneGrid = new BoxGrid(boxes);
  }

  private zonesNear(slot: number): ZoneEntry[] {
    return this.zoneGrid.search(this.boxOf(slot)).map((index) => this.zoneList[index] as ZoneEntry);
  }

  private applyOneViolationChange({ before, after }: MeasuredViolationChange, reached: Set<ZoneEntry>): void {
    const old = before === null ? undefined : this.slotById.get(before.id);
    if (before !== null && old === undefined) throw new RangeError(`ZoneStatisticsEngine: no violation ${before.id}`);
    if (after !== null && after.id !== before?.id && this.slotById.has(after.id)) throw new RangeError(`ZoneStatisticsEngine: violation ${after.id} exists`);
    if (old !== undefined) {
      for (const zone of this.zonesNear(old)) if (zone.contributions.delete(old)) reached.add(zone);
      if (after === null || after.id !== before?.id) this.deleteSlot(old);
    }
    if (after === null) return;
    const slot = old !== undefined && after.id === before?.id ? this.replaceSlot(old, after) : this.addSlot(after);
    for (const zone of this.zonesNear(slot)) {
      const measure = this.measure(zone.area, slot);
      if (measure === null) continue;
      zone.contributions.set(slot, measure);
      reached.add(zone);
    }
  }

  /** Same id, same slot; a new geometry object gets a new box and area. */
  private replaceSlot(slot: number, violation: MeasuredViolation): number {
    if (violation.geometry !== this.slots[slot]?.geometry) {
      writeBoundingBox(violation.geometry, this.boxes, slot);
      this.areas[slot] = NaN;
    }
    this.slots[slot] = violation;
    return slot;
  }

  private addSlot(violation: MeasuredViolation): number {
    const slot = this.slots.length;
    this.reserve(slot + 1);
    writeBoundingBox(violation.geometry, this.boxes, slot);
    this.areas[slot] = NaN;
    this.slots.push(violation);
    this.slotById.set(violation.id, slot);
    return slot;
  }

  private deleteSlot(slot: number): void {
    const violation = this.slots[slot] as MeasuredViolation;
    this.slotById.delete(violation.id);
    this.slots[slot] = null;
    this.holes++;
    if (this.holes > Math.max(MINIMUM_COMPACTION_HOLES, this.slots.length / 2)) this.compact();
  }

  /** Closes the holes left by deletions; the order of the violations is unchanged. */
  private compact(): void {
    const renumbered = new Int32Array(this.slots.length).fill(-1);
    const slots: MeasuredViolation[] = [];
    const boxes = new Float64Array(this.boxes.length);
    const areas = new Float64Array(this.areas.length).fill(NaN);
    this.slots.forEach((violation, slot) => {
      if (violation === null) return;
      const next = slots.length;
      renumbered[slot] = next;
      slots.push(violation);
      boxes.set(this.boxes.subarray(4 * slot, 4 * slot + 4), 4 * next);
      areas[next] = this.areas[slot] as number;
      this.slotById.set(violation.id, next);
    });
    for (const zone of this.zoneEntries.values()) {
      zone.contributions = new Map(Array.from(zone.contributions, ([slot, measure]) => [renumbered[slot] as number, measure]));
    }
    this.slots = slots;
    this.boxes = boxes;
    this.areas = areas;
    this.holes = 0;
  }

  /** The coverage of the violation in `slot` in one zone, or null when it is outside. */
  private measure(area: PreparedArea, slot: number): CoverageMeasure | null {
    const violation = this.slots[slot] as MeasuredViolation;
    return measureViolationInZone(area, violation.geometry, this.boxOf(slot), this.tolerance, this.areas, slot);
  }

  /** A zone entry measured against the violations in its box (a linear scan, in input order). */
  private measureZone(zone: Zone): ZoneEntry {
    const area = prepareArea(zone.geometry);
    const [west, south, east, north] = area.boundingBox;
    const contributions = new Map<number, CoverageMeasure>();
    const statistics = emptyZoneStatistics(zone.id, area.areaSquareMeters);
    const boxes = this.boxes;
    for (let slot = 0; slot < this.slots.length; slot++) {
      const violation = this.slots[slot];
      if (violation === null || violation === undefined) continue;
      if ((boxes[4 * slot] as number) > east || (boxes[4 * slot + 2] as number) < west || (boxes[4 * slot + 1] as number) > north || (boxes[4 * slot + 3] as number) < south) continue;
      const measure = this.measure(area, slot);
      if (measure === null) continue;
      contributions.set(slot, measure);
      applyOverlap(statistics, violation, measure, 1);
    }
    return { zone, area, contributions, statistics: normalise(statistics) };
  }

  /** Re-sums each reached zone from its contributions in input order; returns them in zone order. */
  private resum(reached: ReadonlySet<ZoneEntry>): ZoneStatistics[] {
    const changed: ZoneStatistics[] = [];
    for (const zone of this.zoneList) {
      if (!reached.has(zone)) continue;
      const statistics = emptyZoneStatistics(zone.zone.id, zone.area.areaSquareMeters);
      for (const slot of Int32Array.from(zone.contributions.keys()).sort()) {
        applyOverlap(statistics, this.slots[slot] as MeasuredViolation, zone.contributions.get(slot) as CoverageMeasure, 1);
      }
      zone.statistics = normalise(statistics);
      changed.push(zone.statistics);
    }
    return changed;
  }
}

/**
 * Applies an update to a list of statistics (pure): changed zones replace their entries in place,
 * new zones are appended, removed ones dropped — the engine's zone order.
 */
export function applyStatisticsUpdate(previous: readonly ZoneStatistics[], update: ZoneStatisticsUpdate): ZoneStatistics[] {
  const removed = new Set(update.removedZoneIds);
  const changed = new Map(update.changed.map((statistics) => [statistics.zoneId, statistics]));
  const next = previous.filter((statistics) => !removed.has(statistics.zoneId)).map((statistics) => {
    const replacement = changed.get(statistics.zoneId);
    if (replacement === undefined) return statistics;
    changed.delete(statistics.zoneId);
    return replacement;
  });
  return [...next, ...changed.values()];
}
