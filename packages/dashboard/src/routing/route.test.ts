import { describe, expect, it } from 'vitest';
import { compareHref, parseRoute, trialHref } from './route.js';

describe('parseRoute', () => {
  it('reads the fixed pages', () => {
    expect(parseRoute('')).toEqual({ page: 'overview' });
    expect(parseRoute('#/')).toEqual({ page: 'overview' });
    expect(parseRoute('#/trials')).toEqual({ page: 'trials' });
    expect(parseRoute('#/trials/')).toEqual({ page: 'trials' });
    expect(parseRoute('#/charts')).toEqual({ page: 'charts' });
  });

  it('reads a trial id, decoded', () => {
    expect(parseRoute('#/trials/Ab12x')).toEqual({ page: 'trial', id: 'Ab12x' });
    expect(parseRoute(trialHref('a b/c'))).toEqual({ page: 'trial', id: 'a b/c' });
    expect(parseRoute('#/trials/%E0%A4%A')).toEqual({ page: 'trial', id: '%E0%A4%A' });
  });

  it('reads at most four distinct ids to compare', () => {
    expect(parseRoute('#/compare?ids=a,b')).toEqual({ page: 'compare', ids: ['a', 'b'] });
    expect(parseRoute('#/compare?ids=a,,a,b,c,d,e')).toEqual({ page: 'compare', ids: ['a', 'b', 'c', 'd'] });
    expect(parseRoute('#/compare')).toEqual({ page: 'compare', ids: [] });
  });

  it('round-trips compare links', () => {
    expect(compareHref(['Ab1', 'Cd-2'])).toBe('#/compare?ids=Ab1,Cd-2');
    expect(parseRoute(compareHref(['Ab1', 'Cd-2']))).toEqual({ page: 'compare', ids: ['Ab1', 'Cd-2'] });
  });

  it('names an unknown path', () => {
    expect(parseRoute('#/nowhere')).toEqual({ page: 'unknown', path: '/nowhere' });
  });
});
