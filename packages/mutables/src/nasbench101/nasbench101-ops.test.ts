import { SampleValidationError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import { NASBENCH101_OPS, nasBench101Labels, nasBench101Ops } from './index.js';

describe('NAS-Bench-101 ops and labels', () => {
  it('labels interior ops by their index and forces -1/-2 on the ends', () => {
    expect(nasBench101Labels(['input', ...NASBENCH101_OPS, 'output'])).toEqual([-1, 0, 1, 2, -2]);
    expect(nasBench101Labels(['anything', 'maxpool3x3', 'else'])).toEqual([-1, 2, -2]);
    expect(nasBench101Labels(['input', 'output'])).toEqual([-1, -2]);
  });

  it('maps labels back to op names', () => {
    expect(nasBench101Ops([-1, 0, 1, 2, -2])).toEqual(['input', 'conv3x3-bn-relu', 'conv1x1-bn-relu', 'maxpool3x3', 'output']);
  });

  it('rejects unknown ops and labels', () => {
    expect(() => nasBench101Labels(['input', 'conv5x5', 'output'])).toThrow(SampleValidationError);
    expect(() => nasBench101Ops([-1, 3, -2])).toThrow(SampleValidationError);
    expect(() => nasBench101Ops([-1, 0.5, -2])).toThrow(/nasbench101-unsupported-label/);
  });
});
