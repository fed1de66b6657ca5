/**
 * The readers of the exchange formats beyond GeoJSON and Shapefile — KML, KMZ, DXF, CSV / TXT and
 * .xlsx — chosen by file extension and loaded only when such a file is read (xmldom, togeojson,
 * dxf-parser and exceljs stay out of the main bundle). Every reader works without a DOM.
 */
import type { ImportedLayersResult } from './imported-layer';

const EXTENSIONS = ['kml', 'kmz', 'dxf', 'csv', 'tsv', 'txt', 'xlsx', 'xls'] as const;

const extensionOf = (fileName: string) => fileName.toLowerCase().split('.').pop() ?? '';

export function isFormatFile(fileName: string): boolean {
  return (EXTENSIONS as readonly string[]).includes(extensionOf(fileName));
}

/** Reads one file of a format named by isFormatFile. */
export async function readFormatFile(fileName: string, bytes: Uint8Array): Promise<ImportedLayersResult> {
  switch (extensionOf(fileName)) {
    case 'kml': {
      const { readKml } = await import('./kml-reader');
      const read = readKml(bytes, fileName);
      return read.ok ? { ok: true, layers: [read.layer] } : read;
    }
    case 'kmz': {
      const { readKmz } = await import('./kml-reader');
      return readKmz(bytes, fileName);
    }
    case 'dxf': {
      const { readDxf } = await import('./dxf-reader');
      return readDxf(bytes, fileName);
    }
    case 'xls':
      return { ok: false, error: `文件 ${fileName} 是旧版 Excel（.xls），请在 Excel 中另存为 .xlsx 后再导入` };
    case 'xlsx': {
      const [{ readXlsx }, { tableToLayer }] = await Promise.all([import('./xlsx-reader'), import('./table-features')]);
      const read = await readXlsx(bytes, fileName);
      if (!read.ok) return read;
      const layer = tableToLayer(read.table, `${fileName} / ${read.sheetName}`, null);
      return layer.ok ? { ok: true, layers: [{ ...layer.layer, warnings: [...read.warnings, ...layer.layer.warnings] }] } : layer;
    }
    default: {
      const [{ readCsv }, { tableToLayer }] = await Promise.all([import('./csv-reader'), import('./table-features')]);
      const read = readCsv(bytes, fileName);
      if (!read.ok) return read;
      const layer = tableToLayer(read.table, fileName, read.encoding);
      return layer.ok ? { ok: true, layers: [layer.layer] } : layer;
    }
  }
}
