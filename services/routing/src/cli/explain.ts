import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { describeErrors, FeedbackAnalyzed, validateContract } from '@loops/contracts';
import { explainGrouping } from '../grouping/explain-grouping';
import { alertIdFor } from '../inner-loop/inner-loop.writer';
import { evaluateRoutingTree } from '../routing-tree/evaluate-routing-tree';
import { explainRoutingTree } from '../routing-tree/explain-routing-tree';
import { parseRoutingTree, RoutingTreeError } from '../routing-tree/parse-routing-tree';
import { RoutingTree } from '../routing-tree/routing-tree.types';

const USAGE = 'usage: node dist/services/routing/src/cli/explain.js --event <feedback-analyzed.json> [--tree <routing.yaml>]';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * Offline explain: which routes of a tree (default: the shipped one) a FeedbackAnalyzed event matches,
 * with every matcher's value. Silences, incidents and cases live in the store: use the HTTP endpoint
 * POST /v1/routing/explain for those.
 */
function main(): number {
  const eventPath = arg('event');
  if (!eventPath) {
    console.error(USAGE);
    return 2;
  }
  const treePath = arg('tree') ?? 'services/routing/config/routing.yaml';
  let tree: RoutingTree;
  try {
    tree = parseRoutingTree(readFileSync(treePath, 'utf8'));
  } catch (error) {
    console.error(error instanceof RoutingTreeError ? error.message : `cannot read ${treePath}: ${(error as Error).message}`);
    return 1;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch (error) {
    console.error(`cannot read event ${eventPath}: ${(error as Error).message}`);
    return 1;
  }
  const parsed = validateContract(FeedbackAnalyzed, raw);
  if (!parsed.ok) {
    console.error(`invalid FeedbackAnalyzed event: ${describeErrors(parsed.errors)}`);
    return 1;
  }
  const matches = evaluateRoutingTree(tree, parsed.value);
  const event = parsed.value;
  const grouping = (m: (typeof matches)[number]) => {
    const notification = explainGrouping(event.feedback.tenantId, m, alertIdFor(event, m), event, tree, new Date(), undefined);
    return notification ? { notification } : {};
  };
  const out = {
    tree: treePath,
    receivers: matches.map((m) => ({
      receiver: m.receiver,
      rulePath: m.rulePath,
      matched: m.matched,
      severity: m.severity,
      owner: m.owner,
      escalation: m.escalation,
      // Offline there is no store: a grouped alert is shown as starting its group.
      ...grouping(m),
    })),
    routes: explainRoutingTree(tree, parsed.value),
  };
  console.log(JSON.stringify(out, null, 2));
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  // Whatever slipped past validation: one clear line and a failing exit code, never a stack trace.
  console.error(`explain failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
