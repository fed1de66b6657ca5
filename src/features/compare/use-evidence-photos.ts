/**
 * The evidence photos of the selected patch as object URLs (read from local storage), revoked when
 * the patch or its photos change or the panel closes.
 */
import { useEffect, useState } from 'react';
import { evidencePhotoKey, type ChangePatch, type EvidencePhoto } from '../../domain/change-patches';
import type { ProjectService } from '../../state/project-service';

export interface ShownPhoto {
  photo: EvidencePhoto;
  /** null when the bytes are missing (e.g. a project restored from a backup, which carries no images). */
  url: string | null;
}

export function useEvidencePhotos(service: ProjectService, patch: ChangePatch | null): ShownPhoto[] {
  const photos = patch?.properties.photos;
  const [shown, setShown] = useState<ShownPhoto[]>([]);
  useEffect(() => {
    if (!photos || photos.length === 0) {
      setShown([]);
      return undefined;
    }
    let cancelled = false;
    const urls: string[] = [];
    void Promise.all(photos.map(async (photo) => {
      const stored = await service.readEpochImage(evidencePhotoKey(photo.id)).catch(() => null);
      if (!stored) return { photo, url: null };
      const url = URL.createObjectURL(new Blob([stored.bytes], { type: stored.mimeType }));
      urls.push(url);
      return { photo, url };
    })).then((loaded) => {
      if (cancelled) urls.forEach((url) => URL.revokeObjectURL(url));
      else setShown(loaded);
    });
    return () => {
      cancelled = true;
      urls.forEach((url) => URL.revokeObjectURL(url));
    };
  }, [service, photos]);
  return shown;
}
