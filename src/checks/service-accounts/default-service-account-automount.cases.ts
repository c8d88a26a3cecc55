import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'the default ServiceAccount opts out',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: default
  namespace: shop
automountServiceAccountToken: false
`,
    },
    {
      name: 'another ServiceAccount may mount its token',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: operator
  namespace: shop
`,
    },
  ],
  invalid: [
    {
      name: 'the default ServiceAccount declared without the setting',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: default
  namespace: shop
`,
      expect: [{ line: 1, column: 1, path: 'automountServiceAccountToken', message: 'namespace "shop" does not set automountServiceAccountToken: false' }],
    },
    {
      name: 'explicitly true, in a List',
      yaml: `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ServiceAccount
  metadata:
    name: default
  automountServiceAccountToken: true
`,
      expect: [{ line: 8, column: 3, path: 'automountServiceAccountToken', message: 'namespace "default" sets automountServiceAccountToken: true' }],
    },
  ],
};
