// The report's views, in page order. To add one: write views/<name>.ts
// exporting a View (views/context.ts) and add it here with its nav label.
import type { View } from './context';
import { configView } from './config';
import { executorsView } from './executors';
import { findingsView } from './findings';
import { inputView } from './input';
import { sqlView } from './sql';
import { stagesView } from './stages';
import { summaryView } from './summary';
import { timelineView } from './timeline';
import { utilisationView } from './utilisation';
import { whatifView } from './whatif';

export const views: { id: string; label: string; view: View }[] = [
  { id: 'summary', label: 'Summary', view: summaryView },
  { id: 'findings', label: 'Findings', view: findingsView },
  { id: 'whatif', label: 'Cost & what-if', view: whatifView },
  { id: 'timeline', label: 'Timeline', view: timelineView },
  { id: 'utilisation', label: 'Utilisation', view: utilisationView },
  { id: 'stages', label: 'Stages', view: stagesView },
  { id: 'sql', label: 'SQL', view: sqlView },
  { id: 'executors', label: 'Executors', view: executorsView },
  { id: 'config', label: 'Configuration', view: configView },
  { id: 'input', label: 'Input', view: inputView },
];
