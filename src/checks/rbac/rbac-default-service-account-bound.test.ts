import { testCheck } from '../../testing/index.js';
import { rbacDefaultServiceAccountBound } from './rbac-default-service-account-bound.js';
import { cases } from './rbac-default-service-account-bound.cases.js';

testCheck(rbacDefaultServiceAccountBound, cases);
