// What every view gets: the report, the application shown, and the worker's
// REST answers over the analysed logs (docs/rest.md). A view returns one
// element; to add a view, write views/<name>.ts and list it in views/index.ts.
import type { SparkdxClient } from '../client';
import type { Application, Report } from '../report';

export interface ViewContext {
  report: Report;
  app: Application;
  appIndex: number;
  client: SparkdxClient;
  /** applications/<id>[/<attempt>], or null when the log named no application. */
  base: string | null;
}

export type View = (context: ViewContext) => HTMLElement | Promise<HTMLElement | null> | null;
