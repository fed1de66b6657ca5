/**
 * A sortable table that renders only the rows in view (fixed row height), so 100,000 rows scroll
 * as smoothly as 10. Cells are text. Presentational: sorting, selection and values come in props.
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';

export interface DataTableColumn {
  key: string;
  label: string;
  numeric: boolean;
}

export interface DataTableRow {
  id: string;
  cells: Record<string, string>;
}

export interface DataTableProps {
  testId: string;
  columns: readonly DataTableColumn[];
  rows: readonly DataTableRow[];
  total: DataTableRow | null;
  sort: { key: string; direction: 'asc' | 'desc' } | null;
  onSort(key: string): void;
  selectedId: string | null;
  onSelect(id: string): void;
  heightPixels: number;
}

const ROW_HEIGHT = 28;
const OVERSCAN = 8;
const HEADER_HEIGHT = 44;
const SCROLLBAR_ALLOWANCE = 16;

export function DataTable(props: DataTableProps) {
  const { rows, columns, selectedId } = props;
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const bodyHeight = props.heightPixels - HEADER_HEIGHT - (props.total ? ROW_HEIGHT : 0) - SCROLLBAR_ALLOWANCE;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + bodyHeight) / ROW_HEIGHT) + OVERSCAN);

  // Keep a selection made elsewhere (e.g. on the map) in view.
  useEffect(() => {
    const index = rows.findIndex((row) => row.id === selectedId);
    const element = scrollRef.current;
    if (index < 0 || !element) return;
    const top = index * ROW_HEIGHT;
    if (top < element.scrollTop || top > element.scrollTop + bodyHeight - ROW_HEIGHT) element.scrollTop = Math.max(0, top - bodyHeight / 2);
  }, [selectedId, rows, bodyHeight]);

  const template = columns.map((column) => (column.numeric ? 'minmax(84px, 1fr)' : 'minmax(96px, 1.2fr)')).join(' ');
  const minimumWidth = columns.reduce((sum, column) => sum + (column.numeric ? 84 : 96), 0);
  const renderRow = (row: DataTableRow, className: string, style?: CSSProperties) => (
    <div key={row.id} role="row" className={`data-row ${className}`} style={{ gridTemplateColumns: template, ...style }} data-row-id={row.id}
      aria-selected={row.id === selectedId} onClick={() => props.onSelect(row.id)}>
      {columns.map((column) => <span key={column.key} role="cell" className={column.numeric ? 'numeric' : ''}>{row.cells[column.key]}</span>)}
    </div>
  );

  return (
    <div className="data-table" role="table" data-testid={props.testId} data-row-count={rows.length} style={{ height: props.heightPixels }}>
      <div className="data-table-inner" style={{ minWidth: minimumWidth }}>
      <div role="row" className="data-row header" style={{ gridTemplateColumns: template }}>
        {columns.map((column) => (
          <button key={column.key} type="button" role="columnheader" className={column.numeric ? 'numeric' : ''} onClick={() => props.onSort(column.key)}
            data-testid={`${props.testId}-sort-${column.key}`}>
            {column.label}
            {props.sort?.key === column.key ? (props.sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
          </button>
        ))}
      </div>
      <div className="data-body" ref={scrollRef} style={{ height: bodyHeight }} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {rows.slice(first, last).map((row, offset) =>
            renderRow(row, row.id === selectedId ? 'selected' : '', { position: 'absolute', top: (first + offset) * ROW_HEIGHT, left: 0, right: 0, height: ROW_HEIGHT }))}
        </div>
        {rows.length === 0 && <p className="data-empty">没有符合条件的记录</p>}
      </div>
      {props.total && renderRow(props.total, 'total')}
      </div>
    </div>
  );
}
