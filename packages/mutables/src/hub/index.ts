/** Ready-made model spaces from the literature. */
export {
  NASBENCH201_EDGES,
  NasBench201Space,
  type NasBench201SpaceOptions,
  nasBench201ArchString,
  nasBench201Sample,
} from './nasbench201-space.js';
export { nasBench201CanonicalKey } from './nasbench201-canonical.js';
export { nasBench201ValueSpace } from './nasbench201-value-space.js';
