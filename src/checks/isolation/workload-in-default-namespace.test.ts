import { testCheck } from '../../testing/index.js';
import { workloadInDefaultNamespace } from './workload-in-default-namespace.js';
import { cases } from './workload-in-default-namespace.cases.js';

testCheck(workloadInDefaultNamespace, cases);
