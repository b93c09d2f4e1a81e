import { strykerOptions } from './stryker-options.mjs';

export default strykerOptions('ir', ['packages/ir/src/**/*.ts']);
