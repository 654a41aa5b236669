import { excludedChecks, probeFormat } from './probe-request';

describe('excludedChecks', () => {
  it.each([
    ['', undefined],
    ['verbose=1', undefined],
    ['exclude=cache', ['cache']],
    ['exclude=cache&exclude=search', ['cache', 'search']],
    ['a=1&exclude=cache&b=2&exclude=cache', ['cache']],
    ['exclude=my%20check', ['my check']],
    ['exclude=my+check', ['my check']],
    ['exclude=%ZZ', ['%ZZ']],
    ['exclude=', ['']],
    ['notexclude=cache', undefined],
  ])('reads %p as %p', (query, names) => {
    const read = excludedChecks(query);
    expect(read === undefined ? undefined : [...read]).toEqual(names);
  });
});

describe('probeFormat', () => {
  it.each([
    [undefined, 'json'],
    ['*/*', 'json'],
    ['application/json', 'json'],
    ['application/health+json', 'health+json'],
    ['Application/Health+JSON', 'health+json'],
    ['application/json;q=0.9, application/health+json', 'health+json'],
    ['application/health+json;q=0.5', 'health+json'],
    ['application/health+json;q=0', 'json'],
    ['application/health+json; q=0.0', 'json'],
    ['application/vnd.health+json', 'json'],
  ])('answers Accept %p as %p', (accept, format) => {
    expect(probeFormat(accept)).toBe(format);
  });
});
