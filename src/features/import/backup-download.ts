/** Downloads the whole project as a backup file and records the time (for the backup reminder). */
import { createBackup } from '../../state/project-backup';
import type { ProjectService } from '../../state/project-service';
import { isoDateOf } from '../../state/violation-commands';
import { downloadBlob } from '../../ui/download';

export async function downloadProjectBackup(service: ProjectService): Promise<Record<string, number>> {
  const { bytes, counts } = await createBackup(service);
  downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/gzip' }), `拆整一张图备份_${isoDateOf(service.now())}.onemap.gz`);
  await service.recordBackupExported();
  return counts;
}
