import { testCheck } from '../../testing/index.js';
import { kubernetesDashboardAdmin } from './kubernetes-dashboard-admin.js';
import { cases } from './kubernetes-dashboard-admin.cases.js';

testCheck(kubernetesDashboardAdmin, cases);
