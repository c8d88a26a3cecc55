import { testCheck } from '../../testing/index.js';
import { rbacCsrApproval } from './rbac-csr-approval.js';
import { cases } from './rbac-csr-approval.cases.js';

testCheck(rbacCsrApproval, cases);
