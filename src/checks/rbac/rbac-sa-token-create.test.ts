import { testCheck } from '../../testing/index.js';
import { rbacSaTokenCreate } from './rbac-sa-token-create.js';
import { cases } from './rbac-sa-token-create.cases.js';

testCheck(rbacSaTokenCreate, cases);
