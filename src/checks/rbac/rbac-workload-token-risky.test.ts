import { testCheck } from '../../testing/index.js';
import { rbacWorkloadTokenRisky } from './rbac-workload-token-risky.js';
import { cases } from './rbac-workload-token-risky.cases.js';

testCheck(rbacWorkloadTokenRisky, cases);
