/** A logged-in agent talking to the console over real HTTP, the way the page does (cookie + CSRF header). */
export interface ApiResult<T = Record<string, unknown>> {
  status: number;
  body: T & { error?: { code: string; message: string; details?: Record<string, unknown> } };
}

export async function loginRequest(baseUrl: string, agentId: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/console/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ agentId, password }).toString(),
  });
}

export class AgentClient {
  cookie = '';
  csrf = '';

  constructor(readonly baseUrl: string) {}

  static async login(baseUrl: string, agentId: string, password: string): Promise<AgentClient> {
    const client = new AgentClient(baseUrl);
    const res = await loginRequest(baseUrl, agentId, password);
    if (res.status !== 303) throw new Error(`login as ${agentId} failed: ${res.status}`);
    client.cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const me = await client.get<{ csrf: string }>('/console/api/me');
    client.csrf = me.body.csrf;
    return client;
  }

  async get<T = Record<string, unknown>>(path: string): Promise<ApiResult<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie, accept: 'application/json' } });
    return { status: res.status, body: (await res.json()) as ApiResult<T>['body'] };
  }

  async post<T = Record<string, unknown>>(path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'content-type': 'application/json', 'x-csrf-token': this.csrf, ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as ApiResult<T>['body'] };
  }

  /** Any write method (PUT, DELETE, …) with the session cookie and the CSRF header. */
  async send<T = Record<string, unknown>>(method: string, path: string, body: unknown = {}): Promise<ApiResult<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method, headers: { cookie: this.cookie, 'content-type': 'application/json', 'x-csrf-token': this.csrf }, body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as ApiResult<T>['body'] };
  }

  act<T = Record<string, unknown>>(caseId: string, op: string, body: unknown = {}): Promise<ApiResult<T>> {
    return this.post<T>(`/console/api/cases/${encodeURIComponent(caseId)}/${op}`, body);
  }
}
