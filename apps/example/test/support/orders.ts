import { type ExampleAppProcess } from './example-app.process';

export const AN_ORDER = {
  customer: 'ada',
  lines: [
    { sku: 'BOOK-42', quantity: 2, unitPriceCents: 1_250 },
    { sku: 'PEN-7', quantity: 3, unitPriceCents: 199 },
  ],
};

/** POST /orders as JSON; resolves the response. */
export function postOrder(
  app: ExampleAppProcess,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.fetch('/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Places `AN_ORDER` (or `body`) and resolves its id. */
export async function placeOrder(
  app: ExampleAppProcess,
  body: unknown = AN_ORDER,
): Promise<string> {
  const response = await postOrder(app, body);
  if (response.status !== 201) throw new Error(`POST /orders answered ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
