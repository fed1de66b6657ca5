/** The ledger's exports: every table to one .xlsx, the current table to CSV, its features to GeoJSON, Shapefile and KML. */
import type { Feature, FeatureCollection } from 'geojson';
import { sheetToCsv } from '../../io/csv-writer';
import { writeKml } from '../../io/kml-writer';
import type { Sheet } from '../../io/sheet';
import { writeShapefileZip, type ShapefileEncoding } from '../../io/shapefile-writer';
import { ledgerSheet, type LedgerTable, type LedgerTableId } from '../../state/ledger-tables';
import type { ProjectRecords } from '../../state/project-state';
import { downloadBlob } from '../../ui/download';

/** Every ledger table, then the extra sheets (e.g. 拆后土地利用), in one workbook. */
export async function exportWorkbook(tables: Record<LedgerTableId, LedgerTable>, isoDate: string, extraSheets: readonly Sheet[] = []): Promise<void> {
  const order: LedgerTableId[] = ['townships', 'ranking', 'zones', 'violations'];
  // exceljs is large: load it only when someone exports.
  const { sheetsToXlsx } = await import('../../io/xlsx-writer');
  const buffer = await sheetsToXlsx([...order.map((id) => ledgerSheet(tables[id])), ...extraSheets]);
  downloadBlob(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), `拆违台账_${isoDate}.xlsx`);
}

export function exportCsv(table: LedgerTable, isoDate: string): void {
  downloadBlob(new Blob([sheetToCsv(ledgerSheet(table))], { type: 'text/csv;charset=utf-8' }), `${table.title}_${isoDate}.csv`);
}

/** The features behind the table's rows, as RFC 7946 GeoJSON with their stored attributes. */
export function exportGeoJson(table: LedgerTable, records: ProjectRecords, isoDate: string): void {
  const ids = new Set(table.rows.map((row) => row.id));
  const source = table.id === 'zones' ? records.zones : table.id === 'violations' ? records.violations : records.townships;
  const features = (source as Feature[]).filter((record) => ids.has(String(record.id)));
  const collection: FeatureCollection = { type: 'FeatureCollection', features };
  downloadBlob(new Blob([JSON.stringify(collection)], { type: 'application/geo+json' }), `${table.title}_${isoDate}.geojson`);
}

/** Shapefile field names: the column label up to its unit, e.g. 违建面积（万m²） → 违建面积. */
function fieldName(label: string): string {
  return label.split('（')[0] ?? label;
}

/**
 * The table's rows with their geometry as a zipped Shapefile (CGCS2000 .prj, .cpg naming the
 * encoding); the attributes are the same rounded values the table shows.
 */
export function exportShapefile(table: LedgerTable, records: ProjectRecords, encoding: ShapefileEncoding, isoDate: string): void {
  const source = table.id === 'zones' ? records.zones : table.id === 'violations' ? records.violations : records.townships;
  const geometries = new Map((source as Feature[]).map((record) => [String(record.id), record.geometry]));
  const features: Feature[] = table.rows.filter((row) => geometries.get(row.id)).map((row) => ({
    type: 'Feature',
    geometry: geometries.get(row.id) as Feature['geometry'],
    properties: { 编号: row.id, ...Object.fromEntries(table.columns.map((column) => [fieldName(column.label), row.values[column.key] ?? null])) },
  }));
  const zip = writeShapefileZip(features, table.title, encoding);
  downloadBlob(new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), `${table.title}_${isoDate}_${encoding === 'gbk' ? 'GBK' : 'UTF8'}.zip`);
}

/** The features behind the table's (filtered) rows as KML: the first column names each Placemark, every column is ExtendedData. */
export function kmlDocument(table: LedgerTable, records: ProjectRecords): string {
  const source = table.id === 'zones' ? records.zones : table.id === 'violations' ? records.violations : records.townships;
  const geometries = new Map((source as Feature[]).map((record) => [String(record.id), record.geometry]));
  const nameKey = table.columns[0]?.key;
  const features: Feature[] = table.rows.filter((row) => geometries.get(row.id)).map((row) => ({
    type: 'Feature',
    id: row.id,
    geometry: geometries.get(row.id) as Feature['geometry'],
    properties: {
      名称: nameKey === undefined ? row.id : row.values[nameKey] ?? row.id,
      编号: row.id,
      ...Object.fromEntries(table.columns.map((column) => [column.label, row.values[column.key] ?? null])),
    },
  }));
  return writeKml(features, table.title, { nameField: '名称' });
}

export function exportKml(table: LedgerTable, records: ProjectRecords, isoDate: string): void {
  downloadBlob(new Blob([kmlDocument(table, records)], { type: 'application/vnd.google-earth.kml+xml' }), `${table.title}_${isoDate}.kml`);
}
