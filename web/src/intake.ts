// How logs get into the page: drag-and-drop (files, folders, zips), the file
// and folder pickers, and the bundled samples. Every file gets the path the
// CLI would print for the same input: a dropped file is its name, a file of a
// dropped folder is "<folder>/<relative path>" (as `sparkdx analyze <folder>`).
import type { NamedFile } from './protocol';

export interface Intake { label: string; files: NamedFile[] }

// FileSystemEntry (webkitGetAsEntry) in the shapes used here.
interface Entry { isFile: boolean; isDirectory: boolean; name: string; fullPath: string }
interface FileEntry extends Entry { file(ok: (file: File) => void, fail: (error: unknown) => void): void }
interface DirectoryEntry extends Entry { createReader(): { readEntries(ok: (entries: Entry[]) => void, fail: (error: unknown) => void): void } }

const relative = (entry: Entry) => entry.fullPath.replace(/^\/+/, '');

async function collect(entry: Entry, out: NamedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((ok, fail) => (entry as FileEntry).file(ok, fail));
    out.push({ path: relative(entry), file });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as DirectoryEntry).createReader();
  // readEntries answers in batches (100 in Chromium) until an empty one.
  for (;;) {
    const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) break;
    for (const child of batch) await collect(child, out);
  }
}

function labelFor(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.length} items`;
}

export async function fromDrop(transfer: DataTransfer): Promise<Intake> {
  const entries: Entry[] = [];
  const loose: File[] = [];
  // Items must be read synchronously, before the first await.
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = (item as DataTransferItem & { webkitGetAsEntry?: () => Entry | null }).webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else { const file = item.getAsFile(); if (file) loose.push(file); }
  }
  const files: NamedFile[] = loose.map((file) => ({ path: file.name, file }));
  for (const entry of entries) await collect(entry, files);
  return { label: labelFor([...entries.map((e) => e.name), ...loose.map((f) => f.name)]), files };
}

/** Files from <input type=file>, with or without webkitdirectory. */
export function fromInput(list: FileList): Intake {
  const files = Array.from(list).map((file) => ({ path: file.webkitRelativePath || file.name, file }));
  const roots = [...new Set(files.map((f) => f.path.split('/')[0]))];
  return { label: labelFor(roots), files };
}

// Bundled samples: the demo log and one per pathology (samples/diagnosis/README.md).
const sampleUrls = import.meta.glob(['../../samples/demo/*.zstd', '../../samples/diagnosis/*.zstd'],
                                    { query: '?url', import: 'default', eager: true }) as Record<string, string>;

export interface Sample { name: string; group: string; url: string }

export const samples: Sample[] = Object.entries(sampleUrls)
  .map(([key, url]) => {
    const parts = key.split('/');
    return { name: parts[parts.length - 1], group: parts[parts.length - 2], url };
  })
  .sort((a, b) => (a.group === b.group ? a.name.localeCompare(b.name) : a.group === 'demo' ? -1 : 1));

export async function fromSample(sample: Sample): Promise<Intake> {
  const response = await fetch(sample.url);
  if (!response.ok) throw new Error(`sample ${sample.name}: HTTP ${response.status}`);
  const file = new File([await response.blob()], sample.name);
  return { label: sample.name, files: [{ path: sample.name, file }] };
}
