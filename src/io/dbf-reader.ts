/**
 * Reads dBASE (.dbf) attribute tables of Shapefiles: field names and values decoded with the
 * encoding decided from the .cpg, the language driver byte or the bytes themselves.
 */
import { UNSAFE_KEYS } from './geojson-reader';
import { decideEncoding, type EncodingDecision } from './text-encoding';

export interface DbfTable {
  fieldNames: string[];
  records: Record<string, string | number | boolean | null>[];
  encoding: EncodingDecision;
  /** Field names that were renamed because they could reach an object prototype. */
  renamedFields: string[];
}

interface FieldDescriptor {
  name: string;
  type: string;
  length: number;
  decimals: number;
}

export type DbfResult = { ok: true; value: DbfTable } | { ok: false; error: string };

function decodeDate(text: string): string | null {
  return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : null;
}

function decodeValue(field: FieldDescriptor, bytes: Uint8Array, decoder: TextDecoder): string | number | boolean | null {
  const text = decoder.decode(bytes).replace(/\0+$/, '').trim();
  switch (field.type) {
    case 'N':
    case 'F': {
      if (text === '' || /^\*+$/.test(text)) return null;
      const value = Number(text);
      return Number.isFinite(value) ? value : null;
    }
    case 'L':
      return /^[YyTt]$/.test(text) ? true : /^[NnFf]$/.test(text) ? false : null;
    case 'D':
      return decodeDate(text);
    default:
      return text;
  }
}

export function readDbf(bytes: Uint8Array, fileName: string, cpgText: string | null): DbfResult {
  if (bytes.length < 33) return { ok: false, error: `${fileName} 不是有效的 DBF 文件（过短）` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const recordCount = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const languageDriver = bytes[29] ?? 0;
  if (headerLength > bytes.length || headerLength + recordCount * recordLength > bytes.length + 1) {
    return { ok: false, error: `${fileName} 的记录数与文件长度不符（文件可能已损坏）` };
  }
  const fieldBytes: { nameBytes: Uint8Array; type: string; length: number; decimals: number }[] = [];
  for (let offset = 32; offset + 32 <= headerLength && bytes[offset] !== 0x0d; offset += 32) {
    const raw = bytes.subarray(offset, offset + 11);
    const end = raw.indexOf(0);
    fieldBytes.push({ nameBytes: end >= 0 ? raw.subarray(0, end) : raw, type: String.fromCharCode(bytes[offset + 11] ?? 67), length: bytes[offset + 16] ?? 0, decimals: bytes[offset + 17] ?? 0 });
  }
  const sampleEnd = Math.min(bytes.length, headerLength + recordLength * Math.min(recordCount, 200));
  const sample = new Uint8Array([...fieldBytes.flatMap((field) => [...field.nameBytes]), ...bytes.subarray(headerLength, sampleEnd)]);
  const encoding = decideEncoding(cpgText, languageDriver, sample);
  const decoder = new TextDecoder(encoding.encoding);
  const renamedFields: string[] = [];
  const fields: FieldDescriptor[] = fieldBytes.map((field) => {
    const decoded = decoder.decode(field.nameBytes).trim();
    const safe = UNSAFE_KEYS.has(decoded) ? `${decoded}_` : decoded;
    if (safe !== decoded) renamedFields.push(decoded);
    return { name: safe, type: field.type, length: field.length, decimals: field.decimals };
  });
  const records: DbfTable['records'] = [];
  for (let index = 0; index < recordCount; index++) {
    let offset = headerLength + index * recordLength;
    if (offset + recordLength > bytes.length) break;
    const deleted = bytes[offset] === 0x2a;
    offset += 1;
    const record: DbfTable['records'][number] = {};
    for (const field of fields) {
      record[field.name] = decodeValue(field, bytes.subarray(offset, offset + field.length), decoder);
      offset += field.length;
    }
    // Deleted rows keep their place so record numbers still match the .shp.
    records.push(deleted ? {} : record);
  }
  return { ok: true, value: { fieldNames: fields.map((field) => field.name), records, encoding, renamedFields } };
}
