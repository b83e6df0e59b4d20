// Content scripts ask the service worker to call Inflow: it holds the token and has host permission for the
// server, so neither the page's CSP nor its origin's CORS rules stand in the way.

export interface RelayRequest {
  type: 'inflow-api';
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | null;
}

export interface RelayAnswer {
  status: number;
  contentType: string | null;
  body: string;
  /** Set when the server could not be reached at all. */
  error?: string;
}

/** A `fetch` for the picker's API client that goes through the service worker. */
export function relayFetch(server: string): typeof fetch {
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const path = url.startsWith(server) ? url.slice(server.length) : url;
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      if (name !== 'authorization') headers[name] = value;
    });
    const request: RelayRequest = {
      type: 'inflow-api', method: init.method ?? 'GET', path, headers, body: typeof init.body === 'string' ? init.body : null,
    };
    const answer = await chrome.runtime.sendMessage<RelayAnswer>(request);
    if (!answer || answer.error) throw new TypeError(answer?.error ?? 'no answer from the extension');
    return new Response(answer.status === 204 ? null : answer.body, {
      status: answer.status,
      headers: answer.contentType ? { 'Content-Type': answer.contentType } : {},
    });
  }) as typeof fetch;
}

/** Only authoring API paths of the configured server are relayed. */
export function isRelayable(request: RelayRequest): boolean {
  return request.type === 'inflow-api' && /^\/api\/v1\/[A-Za-z0-9/_\-.?=&%:+]*$/.test(request.path)
    && ['GET', 'POST', 'PUT', 'DELETE'].includes(request.method);
}
