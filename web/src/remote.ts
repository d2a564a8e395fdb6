// Logs from authenticated places, through `sparkdx proxy` (docs/fetch.md).
// The page asks for proxy.json next to itself: a static host serves the
// built placeholder ({"proxy": null}) and the panel stays hidden; when the
// proxy serves the page it answers with its sources, and the panel offers
// them. Credentials stay in the proxy: the page only names a source.
import type { Intake } from './intake';

export interface ProxySource { name: string; kind: 'history-server' | 'emr' | 'databricks' }
export interface ProxyInfo { proxy: string; sources: ProxySource[] }
export interface RemoteApplication { id: string; name: string; attempts: { attempt_id: string | null; completed: boolean; duration_ms: number }[] }

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const text = await response.text();
  let body: unknown = null;
  try { body = JSON.parse(text); } catch { /* reported below */ }
  if (!response.ok) {
    const error = (body as { error?: string } | null)?.error;
    throw new Error(error ?? `${url}: HTTP ${response.status}`);
  }
  return body as T;
}

/** The proxy serving this page, or null on a static host. */
export async function detectProxy(): Promise<ProxyInfo | null> {
  try {
    const info = await json<{ proxy: string | null; sources?: ProxySource[] }>('proxy.json');
    return info.proxy ? { proxy: info.proxy, sources: info.sources ?? [] } : null;
  } catch {
    return null;
  }
}

const source = (name: string) => `api/sources/${encodeURIComponent(name)}`;

export async function listApplications(name: string): Promise<RemoteApplication[]> {
  const answer = await json<{ applications: RemoteApplication[] }>(`${source(name)}/applications?limit=200`);
  return answer.applications;
}

/** An application's logs zip, named as a History Server download is named. */
export async function fetchApplication(name: string, appId: string): Promise<Intake> {
  const response = await fetch(`${source(name)}/applications/${encodeURIComponent(appId)}/logs`);
  if (!response.ok) {
    const error = await response.json().then((b: { error?: string }) => b.error, () => undefined);
    throw new Error(error ?? `HTTP ${response.status}`);
  }
  const fileName = `eventLogs-${appId}.zip`;
  const file = new File([await response.blob()], fileName);
  return { label: `${appId} from ${name}`, files: [{ path: fileName, file }] };
}

/** A Databricks cluster's delivered event-log files, as the folder they form. */
export async function fetchDatabricksCluster(name: string, clusterId: string): Promise<Intake> {
  const base = `${source(name)}/clusters/${encodeURIComponent(clusterId)}/files`;
  const listing = await json<{ files: { path: string }[] }>(base);
  const files = [];
  for (let i = 0; i < listing.files.length; ++i) {
    const response = await fetch(`${base}/${i}`);
    if (!response.ok) throw new Error(`${listing.files[i].path}: HTTP ${response.status}`);
    const path = listing.files[i].path;
    files.push({ path, file: new File([await response.blob()], path.split('/').pop() ?? path) });
  }
  return { label: `cluster ${clusterId} from ${name}`, files };
}
