import { get } from '../support/http.client.mjs';
import { SCENARIOS, scenarioNames } from './scenarios.config.mjs';

const PROBES = new Set(['ready', 'live', 'raw']);

/** Refuses to measure a route that does not answer what the contract says. */
export async function verifyRoutes(adapter, port) {
  for (const name of scenarioNames) {
    const { status, headers, body } = await get(port, SCENARIOS[name].path);
    const problems = [];
    if (status !== 200) problems.push(`status ${status}`);
    if (!String(headers['content-type']).startsWith('application/json'))
      problems.push(`content-type ${headers['content-type']}`);
    if (PROBES.has(name)) {
      if (body !== '{"status":"up"}') problems.push(`body ${body}`);
      if (headers['cache-control'] !== 'no-store')
        problems.push(`cache-control ${headers['cache-control']}`);
    }
    if (name.startsWith('terminus') && JSON.parse(body).status !== 'ok')
      problems.push(`body ${body}`);
    if (problems.length)
      throw new Error(`${adapter} ${name} (${SCENARIOS[name].path}): ${problems.join(', ')}`);
  }
}
