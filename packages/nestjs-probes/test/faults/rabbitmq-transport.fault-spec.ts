import { RABBITMQ_BUS } from '../src/bus-transports';
import { describeTransportFaults } from './transport-faults.util';

// Each stop or kill row restarts the node (~6 s, more under load).
jest.setTimeout(90_000);

describeTransportFaults({
  ...RABBITMQ_BUS,
  // The node takes seconds to stop and start: the server side runs the rows that restart it once.
  serverRows: ['killed', 'frozen', 'many probes', 'unconnected'],
});
