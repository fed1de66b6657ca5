/**
 * The ledger's '拆后土地利用' sheet: the plan summary per zone, per township and for the county
 * (area in m² and 亩 and share of 耕 / 建 / 绿), from the stored parcels' ellipsoidal areas.
 */
import { LAND_USE_CLASSES } from '../domain/land-use';
import { rollUpLandUse, type LandUseSummary } from '../domain/land-use-summary';
import type { CellValue, Sheet, SheetColumn } from '../io/sheet';
import type { ProjectRecords } from './project-state';

export const LAND_USE_SHEET_NAME = '拆后土地利用';

const AREA: Omit<SheetColumn, 'header'> = { numberFormat: '#,##0', width: 12 };
const MU: Omit<SheetColumn, 'header'> = { numberFormat: '#,##0.00', width: 10 };
const SHARE: Omit<SheetColumn, 'header'> = { numberFormat: '0.0%', width: 8 };

function row(level: string, summary: LandUseSummary): CellValue[] {
  const cells: CellValue[] = [level, summary.name];
  for (const figure of summary.classes) cells.push(figure.areaSquareMeters, figure.areaMu, figure.share);
  cells.push(summary.totalSquareMeters, summary.totalMu, summary.parcelCount);
  return cells;
}

export function landUseSheet(records: ProjectRecords): Sheet {
  const rollup = rollUpLandUse(records.landUseParcels, records.zones, records.townships);
  const columns: SheetColumn[] = [
    { header: '层级', numberFormat: null, width: 6 },
    { header: '名称', numberFormat: null, width: 20 },
    ...LAND_USE_CLASSES.flatMap((landUseClass) => [
      { header: `${landUseClass}（m²）`, ...AREA },
      { header: `${landUseClass}（亩）`, ...MU },
      { header: `${landUseClass}占比`, ...SHARE },
    ]),
    { header: '合计（m²）', ...AREA },
    { header: '合计（亩）', ...MU },
    { header: '地块数', numberFormat: '#,##0', width: 8 },
  ];
  return {
    name: LAND_USE_SHEET_NAME,
    columns,
    rows: [
      ...rollup.zones.map((summary) => row('区块', summary)),
      ...rollup.townships.map((summary) => row('乡镇', summary)),
      row('全县', rollup.county),
    ],
  };
}
