import { testCheck } from '../../testing/index.js';
import { rbacPodCreate } from './rbac-pod-create.js';
import { cases } from './rbac-pod-create.cases.js';

testCheck(rbacPodCreate, cases);
