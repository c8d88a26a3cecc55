import { testCheck } from '../../testing/index.js';
import { namespaceWithoutNetworkPolicy } from './namespace-without-network-policy.js';
import { cases } from './namespace-without-network-policy.cases.js';

testCheck(namespaceWithoutNetworkPolicy, cases);
