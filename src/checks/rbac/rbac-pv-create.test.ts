import { testCheck } from '../../testing/index.js';
import { rbacPvCreate } from './rbac-pv-create.js';
import { cases } from './rbac-pv-create.cases.js';

testCheck(rbacPvCreate, cases);
