import { request } from 'node:http';
import { AN_ORDER } from './orders';

/**
 * A `POST /orders` whose body arrives in two halves, so the request is in flight for as long as
 * the caller waits before `finish()`: the shape of a slow client caught by a shutdown.
 */
export function startSlowUpload(url: string): { finish(): Promise<number> } {
  const body = Buffer.from(JSON.stringify(AN_ORDER));
  const half = Math.floor(body.length / 2);
  const upload = request(`${url}/orders`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': body.length,
      connection: 'close',
    },
  });
  const answered = new Promise<number>((resolve, reject) => {
    upload.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    upload.on('error', reject);
  });
  upload.write(body.subarray(0, half));
  return {
    finish: () => {
      upload.end(body.subarray(half));
      return answered;
    },
  };
}
