import { MQTT_BUS } from '../src/bus-transports';
import { describeTransportFaults } from './transport-faults.util';

jest.setTimeout(30_000);

describeTransportFaults(MQTT_BUS);
