import { testCheck } from '../../testing/index.js';
import { namespaceWithoutResourceQuota } from './namespace-without-resource-quota.js';
import { cases } from './namespace-without-resource-quota.cases.js';

testCheck(namespaceWithoutResourceQuota, cases);
