/**
 * 垦造耕地 from the land-use parcels stored in IndexedDB. The project store does not hold
 * `landUseParcels` yet (no land-use plan editor exists), so they are read from storage — read
 * only — when the view opens and again whenever the records change.
 */
import { useEffect, useState } from 'react';
import type { ProjectService } from '../../state/project-service';
import type { ProjectRecords } from '../../state/project-state';
import { farmlandFromParcels, type FarmlandFigure } from './wall-figures';

/** The farmland figure, or null until the first read has finished. */
export function useFarmland(service: ProjectService, records: ProjectRecords): FarmlandFigure | null {
  const [farmland, setFarmland] = useState<FarmlandFigure | null>(null);
  useEffect(() => {
    let current = true;
    service.readStored('landUseParcels').then(
      (parcels) => { if (current) setFarmland((previous) => keepIfEqual(previous, farmlandFromParcels(parcels))); },
      // A failed read shows as "no data" rather than blocking the wall; the save status reports storage faults.
      () => { if (current) setFarmland((previous) => keepIfEqual(previous, farmlandFromParcels([]))); },
    );
    return () => {
      current = false;
    };
  }, [service, records]);
  return farmland;
}

/** The previous figure when nothing changed, so the figures that depend on it are not recomputed. */
function keepIfEqual(previous: FarmlandFigure | null, next: FarmlandFigure): FarmlandFigure {
  return previous && previous.parcelCount === next.parcelCount && previous.farmlandParcelCount === next.farmlandParcelCount
    && previous.areaSquareMeters === next.areaSquareMeters ? previous : next;
}
