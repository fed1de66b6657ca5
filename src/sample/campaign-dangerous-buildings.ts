/**
 * Sample 危旧房: ~300 appraised buildings around village seats, more in urban townships, graded
 * mostly C/D (the appraisal list is of suspect buildings); most D级 are vacated, a few are not
 * (五个一律 alarms); a little under 65 % of C/D are rectified by the "as of" date.
 */
import type { DangerGrade, DangerousBuilding } from '../domain/dangerous-buildings';
import { pointInArea, type Boundaries, type LocalVillage } from './boundaries';
import { AS_OF_DAY, dayOf, isoDate } from './calendar';
import { toLonLat, type Point2 } from './local-frame';
import type { Random } from './random';

const GRADES: readonly DangerGrade[] = ['A', 'B', 'C', 'D'];
const GRADE_WEIGHTS = [6, 28, 42, 24];
/** D级 buildings left occupied: the alarms the map shows. */
const UNVACATED_D_COUNT = 5;

function placeNearSeat(random: Random, village: LocalVillage): Point2 {
  for (let attempt = 0; attempt < 30; attempt++) {
    const radius = 120 + 600 * Math.sqrt(random.next());
    const angle = random.range(0, 2 * Math.PI);
    const point: Point2 = [village.seat[0] + radius * Math.cos(angle), village.seat[1] + radius * Math.sin(angle)];
    if (pointInArea(point, village.area)) return point;
  }
  return village.seat;
}

export function createDangerousBuildings(random: Random, boundaries: Boundaries, count: number): DangerousBuilding[] {
  const weights = boundaries.villages.map((village) => 0.3 + (boundaries.townships[village.townshipIndex]?.urbanity ?? 0));
  const numbers = new Map<string, number>();
  const buildings = Array.from({ length: count }, (_, index): DangerousBuilding => {
    const village = random.weighted(boundaries.villages, weights);
    const number = (numbers.get(village.record.id) ?? random.integer(3, 40)) + random.integer(1, 9);
    numbers.set(village.record.id, number);
    const grade = random.weighted(GRADES, GRADE_WEIGHTS);
    const inspectedDay = random.integer(dayOf('2025-11-01'), dayOf('2026-07-31'));
    const due = grade === 'C' || grade === 'D';
    const rectifiedDay = due && random.chance(0.61) ? inspectedDay + random.integer(20, 200) : null;
    return {
      type: 'Feature',
      id: `db-${String(index + 1).padStart(4, '0')}`,
      geometry: { type: 'Point', coordinates: toLonLat(placeNearSeat(random, village)) },
      properties: {
        address: `${village.record.properties.name}${number}号`,
        townshipId: village.record.properties.townshipId,
        villageId: village.record.id,
        grade,
        inspectedOn: isoDate(inspectedDay),
        households: random.integer(1, grade === 'D' ? 6 : 10),
        vacated: grade === 'D',
        rectifiedOn: rectifiedDay !== null && rectifiedDay <= AS_OF_DAY ? isoDate(rectifiedDay) : null,
      },
    };
  });
  // A few D级 buildings whose households have not moved out yet, none of them rectified.
  const candidates = random.shuffle(buildings.filter((building) => building.properties.grade === 'D' && building.properties.rectifiedOn === null));
  for (const building of candidates.slice(0, UNVACATED_D_COUNT)) building.properties.vacated = false;
  return buildings;
}
