/** Filters (text, township, status) and export buttons of the ledger. */
import { useState } from 'react';
import { VIOLATION_STATUSES } from '../../domain/violation-status';
import type { LedgerFilter } from '../../state/ledger-tables';

export interface LedgerToolbarProps {
  filter: LedgerFilter;
  townships: readonly { id: string; name: string }[];
  showStatus: boolean;
  onFilter(filter: LedgerFilter): void;
  onExportXlsx(): void;
  onExportCsv(): void;
  onExportGeoJson(): void;
  onExportShapefile(encoding: 'gbk' | 'utf-8'): void;
  /** KML of the rows shown (the button appears when the view supplies it). */
  onExportKml?(): void;
  exporting: boolean;
}

export function LedgerToolbar(props: LedgerToolbarProps) {
  const { filter } = props;
  const [shapefileEncoding, setShapefileEncoding] = useState<'gbk' | 'utf-8'>('gbk');
  return (
    <div className="ledger-toolbar">
      <input type="search" placeholder="搜索编号、名称、当事人…" value={filter.query} data-testid="ledger-filter-query"
        onChange={(event) => props.onFilter({ ...filter, query: event.target.value })} />
      <select value={filter.townshipId ?? ''} data-testid="ledger-filter-township"
        onChange={(event) => props.onFilter({ ...filter, townshipId: event.target.value || null })}>
        <option value="">全部乡镇</option>
        {props.townships.map((township) => <option key={township.id} value={township.id}>{township.name}</option>)}
      </select>
      {props.showStatus && (
        <select value={filter.status ?? ''} data-testid="ledger-filter-status"
          onChange={(event) => props.onFilter({ ...filter, status: event.target.value || null })}>
          <option value="">全部状态</option>
          {VIOLATION_STATUSES.map((status) => <option key={status} value={status}>{status}</option>)}
        </select>
      )}
      <span className="toolbar-spacer" />
      <button type="button" data-testid="export-xlsx" disabled={props.exporting} onClick={props.onExportXlsx}>导出 Excel</button>
      <button type="button" data-testid="export-csv" onClick={props.onExportCsv}>导出 CSV</button>
      <button type="button" data-testid="export-geojson" onClick={props.onExportGeoJson}>导出 GeoJSON</button>
      <select data-testid="export-shapefile-encoding" value={shapefileEncoding} title="Shapefile 属性编码"
        onChange={(event) => setShapefileEncoding(event.target.value === 'utf-8' ? 'utf-8' : 'gbk')}>
        <option value="gbk">GBK（ArcGIS/CAD 旧版）</option>
        <option value="utf-8">UTF-8</option>
      </select>
      <button type="button" data-testid="export-shapefile"
        onClick={() => props.onExportShapefile(shapefileEncoding)}>
        导出 Shapefile
      </button>
      {props.onExportKml && <button type="button" data-testid="export-kml" onClick={props.onExportKml}>导出 KML</button>}
    </div>
  );
}
