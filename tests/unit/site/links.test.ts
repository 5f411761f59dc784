import { describe, expect, it } from 'vitest';
import { projectPath } from '../../../src/lib/url';

describe('projectPath', () => {
  it('links to the prerendered page of a project, or to the page that queries it', () => {
    expect(projectPath('', 'a1b2', 'static')).toBe('/project/a1b2/');
    expect(projectPath('/budget', 'a1b2', 'query')).toBe('/budget/project/?id=a1b2');
  });
  it('escapes what an id could carry', () => {
    expect(projectPath('', 'x/../y?z#', 'static')).toBe('/project/x%2F..%2Fy%3Fz%23/');
    expect(projectPath('', 'a&b=c', 'query')).toBe('/project/?id=a%26b%3Dc');
  });
});
