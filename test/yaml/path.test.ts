import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePath, existingPrefix, formatPath } from '../../src/yaml/path.js';

const pod = { spec: { containers: [{ name: 'app', image: 'x' }, { image: 'y' }], 'odd.key/x': 1 } };

describe('paths', () => {
  it('describe how much exists and both written forms in one walk', () => {
    const written = (path: Array<string | number>) => {
      const { existing, display, stable } = describePath(pod, path);
      return { existing, display, stable };
    };
    assert.deepEqual(written(['spec', 'containers', 0, 'securityContext', 'privileged']), {
      existing: 3,
      display: 'spec.containers[0].securityContext.privileged',
      stable: '.spec.containers[name=app].securityContext.privileged',
    });
    assert.deepEqual(written(['spec', 'containers', 1, 'image']), { existing: 4, display: 'spec.containers[1].image', stable: '.spec.containers[1].image' });
    assert.deepEqual(written(['spec', 'containers', 5]), { existing: 2, display: 'spec.containers[5]', stable: '.spec.containers[5]' });
    assert.equal(describePath(pod, ['spec', 'odd.key/x']).display, 'spec["odd.key/x"]');
  });

  it('give one place to paths whose existing parts are the same, and another to others', () => {
    const place = (path: Array<string | number>) => describePath(pod, path).place;
    // Both stop existing after spec.containers[0]: a position found for one serves the other.
    assert.equal(place(['spec', 'containers', 0, 'securityContext', 'privileged']), place(['spec', 'containers', 0, 'resources', 'limits']));
    assert.equal(place(['spec', 'containers', 0, 'securityContext']), place(['spec', 'containers', 0]));
    assert.notEqual(place(['spec', 'containers', 0, 'image']), place(['spec', 'containers', 0]));
    assert.notEqual(place(['spec', 'containers', 1]), place(['spec', 'containers', 0]));
    // A key that reads like an index is not the index.
    assert.notEqual(place(['spec', 'containers', '0']), place(['spec', 'containers', 0]));
    assert.equal(place(['missing']), place([]));
  });

  it('agree with the separate helpers', () => {
    for (const path of [['spec', 'containers', 0, 'name'], ['spec', 'missing', 'deeper'], ['spec', 'odd.key/x'], []]) {
      const described = describePath(pod, path);
      assert.equal(described.display, formatPath(path));
      assert.equal(described.existing, existingPrefix(pod, path).length);
    }
  });

  it('write long keys whole, up to the bound on remembered text and past it', () => {
    const long = 'k'.repeat(50_000);
    for (let i = 0; i < 50; i++) {
      const described = describePath(pod, ['data', `${long}${i}`]);
      assert.equal(described.display, `data.${long}${i}`);
      assert.equal(described.stable, `.data.${long}${i}`);
    }
  });

  it('write every path right, past the bound of remembered display texts and with keys that look like indexes', () => {
    // More distinct paths than are remembered: later ones are written as they are asked for.
    for (let i = 0; i < 60_000; i += 997) {
      const path = ['metadata', 'annotations', `key-${i}`, i % 7, String(i % 7)];
      assert.equal(describePath(pod, path).display, formatPath(path));
    }
    for (let i = 0; i < 60_000; i++) describePath(pod, ['data', `k${i}`]);
    for (const path of [['data', 'k59999'], ['data', 'fresh.key'], ['spec', 'containers', 0], ['spec', 'containers', '0'], ['spec', 'containers', 1, 'image']]) {
      assert.equal(describePath(pod, path).display, formatPath(path));
    }
    assert.equal(describePath(pod, ['spec', 'containers', '0']).display, 'spec.containers["0"]');

    // The stable form names items by their name, whether or not its text is remembered.
    assert.equal(describePath(pod, ['spec', 'containers', 0, 'image']).stable, '.spec.containers[name=app].image');
    assert.equal(describePath(pod, ['spec', 'containers', 1, 'image']).stable, '.spec.containers[1].image');
    assert.equal(describePath({ spec: { containers: [{ name: 'web' }] } }, ['spec', 'containers', 0]).stable, '.spec.containers[name=web]');
    assert.equal(describePath(pod, ['spec', 'containers', '0']).stable, '.spec.containers.0');
    assert.equal(describePath(pod, ['data', 'fresh.key', 3]).stable, '.data.fresh.key[3]');
  });
});
