/** An area in the three units of the field: m², 万m² and 亩. */
import { formatArea } from '../domain/area-units';

export function AreaFigures({ areaSquareMeters }: { areaSquareMeters: number }) {
  const texts = formatArea(areaSquareMeters);
  return (
    <div className="area-figures" aria-label="面积">
      <span data-testid="feature-area-m2">{texts.squareMeters}</span>
      <span data-testid="feature-area-wan">{texts.wanSquareMeters}</span>
      <span data-testid="feature-area-mu">{texts.mu}</span>
    </div>
  );
}
