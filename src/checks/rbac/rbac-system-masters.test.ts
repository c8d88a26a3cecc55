import { testCheck } from '../../testing/index.js';
import { rbacSystemMasters } from './rbac-system-masters.js';
import { cases } from './rbac-system-masters.cases.js';

testCheck(rbacSystemMasters, cases);
