import { type Analysis, type Iocs, OFFLINE_NOTE } from '../../../shared/analysis';
import type { AnalysisInput } from './input';

export type { AnalysisInput, AnalysisAttachment, AttachedMessageInput } from './input';
export { analysisInputFromParsed, parseForAnalysis, MAX_ATTACHED_DEPTH } from './input';

/**
 * The triage analysis of one message and of the messages attached to it: pure, synchronous and
 * offline (it reads only its input; nothing is looked up). Each step is a module of its own.
 */
export function analyzeMessage(input: AnalysisInput): Analysis {
  return analyzeAt(input, '');
}

function analyzeAt(input: AnalysisInput, origin: string): Analysis {
  const attachedMessages = input.attachedMessages.map(({ filename, message }) => {
    const label = origin ? `${origin} › ${filename}` : filename;
    return { label, subject: subjectOf(message), analysis: analyzeAt(message, label) };
  });
  const iocs: Iocs = { urls: [], domains: [], ips: [], emails: [], attachments: [] };
  return {
    verdict: { claims: [], summary: '', tone: 'info' },
    stamps: [],
    arc: { status: 'none', instances: [], note: 'This message has no ARC headers.' },
    indicators: [],
    iocs,
    attachedMessages,
    offline: { lookedUp: false, note: OFFLINE_NOTE },
  };
}

function subjectOf(input: AnalysisInput): string {
  return input.headers.find((header) => header.name.toLowerCase() === 'subject')?.value ?? '';
}
