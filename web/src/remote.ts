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

/** A Databricks cluster's log: the files cluster log delivery wrote, as the
 * folder they form; or, when the cluster delivers nothing the proxy can read
 * (409), its application's log from the cluster's Spark UI, which the proxy
 * may rebuild from the UI's REST API (a zip or JSON lines: named by its
 * first bytes, so the analyzer reads it as what it is). */
export async function fetchDatabricksCluster(name: string, clusterId: string): Promise<Intake> {
  const base = `${source(name)}/clusters/${encodeURIComponent(clusterId)}`;
  const label = `cluster ${clusterId} from ${name}`;
  const delivered = await fetch(`${base}/files`, { headers: { Accept: 'application/json' } });
  if (delivered.status === 409) {
    const response = await fetch(`${base}/log`);
    if (!response.ok) {
      const error = await response.json().then((b: { error?: string }) => b.error, () => undefined);
      throw new Error(error ?? `HTTP ${response.status}`);
    }
    const blob = await response.blob();
    const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
    const disposition = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '');
    const stem = disposition?.[1] ?? `eventLogs-${clusterId}`;
    const fileName = head[0] === 0x50 && head[1] === 0x4b ? `${stem}.zip` : `${stem}.json`;
    return { label, files: [{ path: fileName, file: new File([blob], fileName) }] };
  }
  const text = await delivered.text();
  let listing: { files?: { path: string }[]; error?: string } = {};
  try { listing = JSON.parse(text); } catch { /* reported below */ }
  if (!delivered.ok || !listing.files) throw new Error(listing.error ?? `${base}/files: HTTP ${delivered.status}`);
  const files = [];
  for (let i = 0; i < listing.files.length; ++i) {
    const response = await fetch(`${base}/files/${i}`);
    if (!response.ok) throw new Error(`${listing.files[i].path}: HTTP ${response.status}`);
    const path = listing.files[i].path;
    files.push({ path, file: new File([await response.blob()], path.split('/').pop() ?? path) });
  }
  return { label, files };
}
