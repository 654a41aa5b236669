import { get } from '../support/http.client.mjs';
import { SCENARIOS, scenarioNames } from './scenarios.config.mjs';

/** Refuses to measure a route that does not answer what the contract says. */
export async function verifyRoutes(adapter, port) {
  for (const name of scenarioNames) {
    const { status, headers, body } = await get(port, SCENARIOS[name].path);
    const parsed = JSON.parse(body);
    const problems = [];
    if (status !== 200) problems.push(`status ${status}`);
    if (!String(headers['content-type']).startsWith('application/json'))
      problems.push(`content-type ${headers['content-type']}`);
    if (name === 'ready' || name === 'live') {
      if (body !== '{"status":"up"}') problems.push(`body ${body}`);
      if (headers['cache-control'] !== 'no-store')
        problems.push(`cache-control ${headers['cache-control']}`);
    }
    if (name === 'terminus' && parsed.status !== 'ok') problems.push(`body ${body}`);
    if (problems.length)
      throw new Error(`${adapter} ${name} (${SCENARIOS[name].path}): ${problems.join(', ')}`);
  }
}
