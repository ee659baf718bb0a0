/**
 * Draws a machine as a Mermaid state diagram, straight from its definition, so the picture in
 * docs/ can never drift from the code (a test regenerates it and compares).
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';

function guardLabel(guard: unknown): string {
  if (!guard) return '';
  if (typeof guard === 'string') return ` [${guard}]`;
  const { type, params } = guard as { type?: string; params?: Record<string, unknown> };
  const args = params ? Object.values(params).join(', ') : '';
  return ` [${type}${args ? `: ${args}` : ''}]`;
}

/** A node's id within the diagram: Mermaid names may not contain dots. */
function name(node: AnyStateNode): string {
  return node.path.length === 0 ? '[*]' : (node.path[node.path.length - 1] as string);
}

function drawNode(node: AnyStateNode, indent: string, lines: string[]): void {
  const children = Object.values(node.states).filter((child) => child.type !== 'history');
  if (node.path.length > 0 && children.length > 0) lines.push(`${indent}state ${name(node)} {`);
  const inner = node.path.length > 0 && children.length > 0 ? `${indent}  ` : indent;
  if (children.length > 0 && node.initial) {
    for (const target of node.initial.target) lines.push(`${inner}[*] --> ${name(target)}`);
  }
  for (const child of children) drawNode(child, inner, lines);
  if (node.path.length > 0 && children.length > 0) lines.push(`${indent}}`);

  const selfEvents: string[] = [];
  for (const [eventType, transitions] of node.transitions) {
    for (const t of transitions) {
      if (!t.target || t.target.length === 0) {
        selfEvents.push(`${eventType}${guardLabel(t.guard)}`);
        continue;
      }
      for (const target of t.target) {
        // A history target resumes the stage that was active: drawn as an arrow into its parent.
        const to = target.type === 'history' ? `${name(target.parent as AnyStateNode)}` : name(target);
        const note = target.type === 'history' ? ' (history)' : '';
        lines.push(`${indent}${name(node)} --> ${to} : ${eventType}${guardLabel(t.guard)}${note}`);
      }
    }
  }
  if (selfEvents.length > 0) {
    lines.push(`${indent}note right of ${name(node)}`);
    for (const e of selfEvents) lines.push(`${indent}  ${e}`);
    lines.push(`${indent}end note`);
  }
  if (node.type === 'final') lines.push(`${indent}${name(node)} --> [*]`);
}

export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  drawNode(machine.root, '  ', lines);
  return lines.join('\n');
}
