import { testCheck } from '../../testing/index.js';
import { rbacAnonymousAccess } from './rbac-anonymous-access.js';
import { cases } from './rbac-anonymous-access.cases.js';

testCheck(rbacAnonymousAccess, cases);
