import { testCheck } from '../../testing/index.js';
import { istioInitNeedsNetAdmin } from './istio-init-needs-net-admin.js';
import { cases } from './istio-init-needs-net-admin.cases.js';

testCheck(istioInitNeedsNetAdmin, cases);
