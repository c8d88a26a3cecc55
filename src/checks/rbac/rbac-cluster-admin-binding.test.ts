import { testCheck } from '../../testing/index.js';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding.js';
import { cases } from './rbac-cluster-admin-binding.cases.js';

testCheck(rbacClusterAdminBinding, cases);
