import { testCheck } from '../../testing/index.js';
import { peerAuthenticationPermissive } from './peer-authentication-permissive.js';
import { cases } from './peer-authentication-permissive.cases.js';

testCheck(peerAuthenticationPermissive, cases);
