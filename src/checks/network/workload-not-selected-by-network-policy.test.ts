import { testCheck } from '../../testing/index.js';
import { workloadNotSelectedByNetworkPolicy } from './workload-not-selected-by-network-policy.js';
import { cases } from './workload-not-selected-by-network-policy.cases.js';

testCheck(workloadNotSelectedByNetworkPolicy, cases);
