/**
 * @archspace/mutables/testing — fast-check arbitraries for property-testing search spaces.
 * Requires `fast-check` (a peer dependency).
 */
export { arbDecisionValue, arbSample } from './arb-sample.js';
export { type ArbSearchSpaceJsonOptions, arbSearchSpaceJson } from './arb-search-space-json.js';
export { arbSpace } from './arb-space.js';
