import { strykerOptions } from './stryker-options.mjs';

export default strykerOptions('serializer', ['packages/experiment/src/serializer/**/*.ts']);
