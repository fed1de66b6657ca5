/**
 * 垦造耕地 from the land-use parcels of the project store (the planning map's land-use plans
 * write them there, and edits in other tabs arrive through the store too).
 */
import { useMemo } from 'react';
import type { ProjectService } from '../../state/project-service';
import type { ProjectRecords } from '../../state/project-state';
import { farmlandFromParcels, type FarmlandFigure } from './wall-figures';

/** The farmland figure; recomputed only when the parcels change. `service` is kept for the callers' signature. */
export function useFarmland(_service: ProjectService, records: ProjectRecords): FarmlandFigure | null {
  return useMemo(() => farmlandFromParcels(records.landUseParcels), [records.landUseParcels]);
}
