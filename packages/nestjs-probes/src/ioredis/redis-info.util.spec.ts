import { parseRedisInfo } from './redis-info.util';

describe('parseRedisInfo', () => {
  it('reads role, memory and replica figures from INFO text', () => {
    const text = [
      '# Memory',
      'used_memory:1048576',
      'used_memory_human:1.00M',
      'maxmemory:0',
      '',
      '# Replication',
      'role:slave',
      'master_link_status:down',
      'connected_slaves:0',
    ].join('\r\n');
    expect(parseRedisInfo(text)).toEqual({
      role: 'slave',
      usedMemoryBytes: 1048576,
      maxMemoryBytes: 0,
      connectedReplicas: 0,
      masterLinkStatus: 'down',
    });
  });

  it('leaves out what INFO did not say or said unreadably', () => {
    expect(parseRedisInfo('# Memory\nused_memory:lots\nrole:master')).toEqual({ role: 'master' });
    expect(parseRedisInfo('')).toEqual({});
  });
});
