/**
 * Unzips an archive in memory with limits, so a zip bomb gets a clear error instead of exhausting
 * memory: the declared size of each entry and of all entries together is checked before anything
 * is inflated, and the inflated sizes are checked again after.
 */
import { unzipSync } from 'fflate';

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxEntryBytes: 512 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024 };

export type ZipResult = { ok: true; entries: Map<string, Uint8Array> } | { ok: false; error: string };

export function readZip(bytes: Uint8Array, fileName: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipResult {
  let declaredTotal = 0;
  let entryCount = 0;
  let refusal: string | null = null;
  try {
    const entries = unzipSync(bytes, {
      filter(file) {
        if (file.name.endsWith('/')) return false;
        entryCount += 1;
        declaredTotal += file.originalSize;
        if (entryCount > limits.maxEntries) refusal = `压缩包 ${fileName} 内文件超过 ${limits.maxEntries} 个`;
        else if (file.originalSize > limits.maxEntryBytes || declaredTotal > limits.maxTotalBytes) {
          refusal = `压缩包 ${fileName} 解压后过大（${file.name}），疑似压缩炸弹，已拒绝`;
        }
        return refusal === null;
      },
    });
    if (refusal) return { ok: false, error: refusal };
    let inflatedTotal = 0;
    for (const [name, content] of Object.entries(entries)) {
      inflatedTotal += content.length;
      if (content.length > limits.maxEntryBytes || inflatedTotal > limits.maxTotalBytes) return { ok: false, error: `压缩包 ${fileName} 解压后过大（${name}），已拒绝` };
    }
    return { ok: true, entries: new Map(Object.entries(entries)) };
  } catch (error) {
    return { ok: false, error: refusal ?? `压缩包 ${fileName} 无法解压：${(error as Error).message}` };
  }
}
