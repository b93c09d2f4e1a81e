import { strykerOptions } from './stryker-options.mjs';

export default strykerOptions('strategies', ['packages/strategies/src/**/*.ts']);
