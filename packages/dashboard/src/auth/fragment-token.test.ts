import { describe, expect, it } from 'vitest';
import { adoptFragmentToken, storeToken, takeFragmentToken, TOKEN_KEY, type TokenStorage } from './fragment-token.js';

function memoryStorage(): TokenStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('takeFragmentToken', () => {
  it('takes a bare token and leaves an empty fragment', () => {
    expect(takeFragmentToken('#token=abc123')).toEqual({ token: 'abc123', hash: '' });
  });

  it('keeps the route and the other query parameters', () => {
    expect(takeFragmentToken('#/compare?ids=a,b&token=t0k')).toEqual({ token: 't0k', hash: '#/compare?ids=a%2Cb' });
    expect(takeFragmentToken('#/trials/Ab12x?token=t0k')).toEqual({ token: 't0k', hash: '#/trials/Ab12x' });
  });

  it('decodes an escaped token', () => {
    expect(takeFragmentToken('#token=a%2Bb%3D').token).toBe('a+b=');
  });

  it('leaves a fragment without a token unchanged', () => {
    expect(takeFragmentToken('#/trials')).toEqual({ token: null, hash: '#/trials' });
    expect(takeFragmentToken('')).toEqual({ token: null, hash: '' });
  });

  it('does not read "token" inside a route path as a token', () => {
    expect(takeFragmentToken('#/trials/token=x').token).toBeNull();
  });
});

describe('adoptFragmentToken', () => {
  it('stores the token and removes it from the address bar', () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    const token = adoptFragmentToken({ pathname: '/prefix/', search: '?a=1', hash: '#token=s3cret' }, { replaceState: (_d, _t, url) => void replaced.push(String(url)) }, storage);
    expect(token).toBe('s3cret');
    expect(storage.items.get(TOKEN_KEY)).toBe('s3cret');
    expect(replaced).toEqual(['/prefix/?a=1']);
  });

  it('falls back to the stored token and leaves the address bar alone', () => {
    const storage = memoryStorage();
    storage.setItem(TOKEN_KEY, 'earlier');
    const replaced: string[] = [];
    const token = adoptFragmentToken({ pathname: '/', search: '', hash: '#/charts' }, { replaceState: (_d, _t, url) => void replaced.push(String(url)) }, storage);
    expect(token).toBe('earlier');
    expect(replaced).toEqual([]);
  });

  it('answers null when no token is known', () => {
    expect(adoptFragmentToken({ pathname: '/', search: '', hash: '' }, { replaceState: () => undefined }, memoryStorage())).toBeNull();
  });
});

describe('storeToken', () => {
  it('stores a trimmed token and forgets on empty input', () => {
    const storage = memoryStorage();
    expect(storeToken(storage, '  abc ')).toBe('abc');
    expect(storage.items.get(TOKEN_KEY)).toBe('abc');
    expect(storeToken(storage, '   ')).toBeNull();
    expect(storage.items.has(TOKEN_KEY)).toBe(false);
  });
});
