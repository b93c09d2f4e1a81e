/** The refusal of a primitive a one-shot strategy cannot search (exactly). */
import { OneShotError } from './one-shot-error.js';

/** The refusal of `primitive` (labelled `label`) for `strategy`. */
export function unsupportedPrimitive(primitive: string, label: string, strategy: string, detail = ''): OneShotError {
  return new OneShotError({
    code: 'unsupported-primitive',
    path: [label],
    expected:
      'a space of LayerChoice, InputChoice (nChosen set, reduction sum, mean or concat), Repeat depths and ValueChoices of channel counts, feature counts and kernel sizes',
    received: primitive,
    message:
      `${strategy} cannot search the ${primitive} "${label}"${detail}: one-shot supernets handle LayerChoice, InputChoice, Repeat depths and ValueChoices ` +
      'of channel counts, feature counts and Conv2d kernel sizes; choices nested in a LayerChoice candidate, ValueChoices of other parameters ' +
      '(strides, pooling windows, …) and widths an operation cannot slice exactly are not supported',
  });
}
