import net from 'node:net';

const HOST = '127.0.0.1';

/**
 * The Service in front of one side, as kube-proxy serves a ClusterIP: a TCP proxy on a loopback
 * port that picks a backend once per new connection, round robin over the pods in rotation (only
 * ready endpoints get new connections), and leaves established connections where they are (a pod
 * that leaves the endpoints keeps its open keep-alive connections until they close). No pod in
 * rotation: the connection is dropped at once. No retries.
 */
export class ServiceProxy {
  constructor({ replicaSet }) {
    this.replicaSet = replicaSet;
    this.turn = 0;
    this.sockets = new Set();
    this.server = net.createServer((client) => this.connect(client));
  }

  async listen() {
    await new Promise((resolve) => this.server.listen(0, HOST, resolve));
    this.port = this.server.address().port;
    return this.port;
  }

  close() {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  connect(client) {
    const ready = this.replicaSet.inRotation();
    if (ready.length === 0) {
      client.resetAndDestroy();
      return;
    }
    const pod = ready[this.turn++ % ready.length];
    const upstream = net.connect(pod.port, HOST);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
      socket.on('error', () => undefined); // 'close' follows
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
