/**
 * Seeds the sample imagery on first use and reads the chosen epochs' images from IndexedDB, as
 * bytes (for detection) and object URLs (for the maps), revoked when no longer shown.
 */
import { useEffect, useState } from 'react';
import type { Epoch } from '../../domain/epochs';
import type { ProjectService } from '../../state/project-service';
import { SAMPLE_EPOCHS_NAME, loadSampleEpochs } from './sample-epochs-loader';

export interface LoadedEpochImage {
  epochId: string;
  bytes: ArrayBuffer;
  mimeType: string;
  url: string;
}

/** Stores the sample epochs once (first visit); `ready` once the store has them (or they were there). */
export function useSampleEpochSeeding(service: ProjectService): { ready: boolean; error: string | null } {
  const [state, setState] = useState<{ ready: boolean; error: string | null }>({ ready: false, error: null });
  useEffect(() => {
    let cancelled = false;
    service.seedSampleEpochs(loadSampleEpochs, SAMPLE_EPOCHS_NAME).then(
      () => !cancelled && setState({ ready: true, error: null }),
      (error: unknown) => !cancelled && setState({ ready: true, error: `样例影像载入失败：${error instanceof Error ? error.message : String(error)}` }),
    );
    return () => {
      cancelled = true;
    };
  }, [service]);
  return state;
}

/** The image of one epoch (null while loading, for a tile epoch, or when there is none), with an object URL. */
export function useEpochImage(service: ProjectService, epoch: Epoch | null): { image: LoadedEpochImage | null; error: string | null } {
  const [state, setState] = useState<{ image: LoadedEpochImage | null; error: string | null }>({ image: null, error: null });
  const epochId = epoch && epoch.imageKind !== 'xyz' ? epoch.id : null;
  useEffect(() => {
    if (!epochId) {
      setState({ image: null, error: null });
      return undefined;
    }
    let cancelled = false;
    let url: string | null = null;
    service.readEpochImage(epochId).then(
      (stored) => {
        if (cancelled) return;
        if (!stored) {
          setState({ image: null, error: `时相 ${epochId} 没有影像` });
          return;
        }
        url = URL.createObjectURL(new Blob([stored.bytes], { type: stored.mimeType }));
        setState({ image: { epochId, bytes: stored.bytes, mimeType: stored.mimeType, url }, error: null });
      },
      (error: unknown) => !cancelled && setState({ image: null, error: String(error) }),
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [service, epochId]);
  return state;
}
