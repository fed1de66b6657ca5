/** Minimal typing of geojson-validation 1.0.2 (checks the 2008 GeoJSON spec; see feature-validation.ts). */
declare module 'geojson-validation' {
  const geojsonValidation: {
    isFeature(object: unknown, trace: true): string[];
    valid(object: unknown, trace: true): string[];
  };
  export default geojsonValidation;
}
