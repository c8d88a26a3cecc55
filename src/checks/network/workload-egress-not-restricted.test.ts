import { testCheck } from '../../testing/index.js';
import { workloadEgressNotRestricted } from './workload-egress-not-restricted.js';
import { cases } from './workload-egress-not-restricted.cases.js';

testCheck(workloadEgressNotRestricted, cases);
