import { testCheck } from '../../testing/index.js';
import { serviceExternalIps } from './service-external-ips.js';
import { cases } from './service-external-ips.cases.js';

testCheck(serviceExternalIps, cases);
