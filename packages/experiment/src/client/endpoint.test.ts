import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from './endpoint.js';

describe('resolveEndpoint', () => {
  it.each([
    [8080, 'http://127.0.0.1:8080'],
    ['8080', 'http://127.0.0.1:8080'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['http://10.0.0.5:8080/nni/', 'http://10.0.0.5:8080/nni'],
    ['http://10.0.0.5:8080/api/v1/nni', 'http://10.0.0.5:8080'],
    ['http://10.0.0.5:8080/lab/api/v1/archspace/', 'http://10.0.0.5:8080/lab'],
    ['https://host.example/x?y=1#z', 'https://host.example/x'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
  ] as const)('%j → %s', (input, expected) => {
    expect(resolveEndpoint(input)).toBe(expected);
  });

  it.each([0, 70000, 1.5, -1, '', 'localhost:8080x', 'ftp://host/', 'not a url', 'http://user:pw@host:1/'])('refuses %j', (input) => {
    expect(() => resolveEndpoint(input)).toThrow(expect.objectContaining({ code: 'invalid-endpoint', path: ['endpoint'] }));
  });
});
