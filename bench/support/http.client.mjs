import http from 'node:http';
import { HOST } from './bench.config.mjs';

/** GET over a fresh loopback connection: status, headers and body; rejects on a socket error. */
export function get(port, urlPath) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: HOST, port, path: urlPath, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

/**
 * GET over a fresh loopback connection that never rejects: gives up (and destroys the request)
 * after `capMs`, resolving `{ status: null, capped: true }`, or `{ status: null, error }`.
 */
export function getWithin(port, urlPath, capMs) {
  return new Promise((resolve) => {
    let timer;
    const req = http.get({ host: HOST, port, path: urlPath, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode, body });
      });
    });
    timer = setTimeout(() => {
      req.destroy();
      resolve({ status: null, capped: true });
    }, capMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: null, error: error.message });
    });
  });
}
