import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTreePath } from './git.js';

describe('parseTreePath', () => {
  const repository = { root: '/repo', prefix: 'deploy/' };
  const cases: { text: string; path?: string; expected: { revision: string; path: string } }[] = [
    { text: 'main', expected: { revision: 'main', path: 'deploy' } },
    { text: 'main', path: 'prod/', expected: { revision: 'main', path: 'deploy/prod' } },
    { text: 'HEAD~2', path: '../k8s', expected: { revision: 'HEAD~2', path: 'k8s' } },
    { text: 'v1.2.0:k8s/prod', path: 'ignored', expected: { revision: 'v1.2.0', path: 'k8s/prod' } },
    { text: 'main:./prod', expected: { revision: 'main', path: 'deploy/prod' } },
    { text: 'main:', expected: { revision: 'main', path: '' } },
    { text: 'origin/main:../etc', expected: { revision: 'origin/main', path: 'etc' } },
  ];
  for (const { text, path, expected } of cases) {
    it(`${text}${path !== undefined ? ` with ${path}` : ''} from deploy/`, () => assert.deepEqual(parseTreePath(text, path, repository), expected));
  }
  it('refuses paths outside the repository and texts that are no revision', () => {
    assert.throws(() => parseTreePath('main', '../../x', repository), /\.\.\/\.\.\/x lies outside the repository/);
    assert.throws(() => parseTreePath(':k8s', undefined, repository), /":k8s" does not name a revision/);
    assert.throws(() => parseTreePath('-p', undefined, repository), /"-p" does not name a revision/);
  });
});
