/**
 * A deliberately plain CQL interpreter for differential testing: it walks the AST for every
 * instance and re-derives every rule of docs/cql.md from scratch, sharing no code
 * with src/cql. Regular expressions are limited to what JavaScript reads like Java (the
 * arbitraries only generate such patterns).
 */
import type { ComparisonNode, Expression, ValueNode } from '../../grammar/ast.js';
import type { InstanceView } from '../../src/kernel/instance-view.js';

export function referenceEvaluate(node: Expression, view: InstanceView): boolean {
  if (node.kind === 'and') return node.operands.every((o) => referenceEvaluate(o, view));
  if (node.kind === 'or') return node.operands.some((o) => referenceEvaluate(o, view));
  if (node.kind === 'not') return !referenceEvaluate(node.operand, view);
  return evaluateComparison(node, view);
}

function argumentValues(node: ComparisonNode): string[] {
  const argument = node.argument;
  if (argument === null) return [];
  if (argument.kind === 'list') return argument.items.map((item) => item.value);
  return [(argument as ValueNode).value];
}

function wholeMatch(pattern: string, text: string): boolean {
  const caseless = pattern.startsWith('(?i)');
  const body = caseless ? pattern.slice(4) : pattern;
  return new RegExp(`^(?:${body})$`, caseless ? 'i' : '').test(text);
}

function isNumber(text: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(text);
}

/** -1, 0 or 1: numbers numerically, anything else by UTF-16 code units. */
function compareStrings(a: string, b: string): number {
  if (isNumber(a) && isNumber(b)) return Math.sign(Number(a) - Number(b));
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function compareVersion(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  while (x.length < y.length) x.push(0);
  while (y.length < x.length) y.push(0);
  for (let i = 0; i < x.length; i++) {
    if (x[i]! !== y[i]!) return x[i]! < y[i]! ? -1 : 1;
  }
  return 0;
}

/** Plain string-valued comparison of one present value. */
function stringHolds(op: string, value: string, args: string[]): boolean {
  const first = args[0] ?? '';
  switch (op) {
    case 'equals':
      return value === first;
    case 'not_equals':
      return value !== first;
    case 'in':
      return args.includes(value);
    case 'not_in':
      return !args.includes(value);
    case 'matches':
      return wholeMatch(first, value);
    case 'not_matches':
      return !wholeMatch(first, value);
    case 'greater_than':
      return compareStrings(value, first) > 0;
    case 'greater_than_equal':
      return compareStrings(value, first) >= 0;
    case 'less_than':
      return compareStrings(value, first) < 0;
    case 'less_than_equal':
      return compareStrings(value, first) <= 0;
  }
  throw new Error(`unexpected operator ${op}`);
}

function signHolds(op: string, sign: number): boolean {
  switch (op) {
    case 'equals':
      return sign === 0;
    case 'not_equals':
      return sign !== 0;
    case 'greater_than':
      return sign > 0;
    case 'greater_than_equal':
      return sign >= 0;
    case 'less_than':
      return sign < 0;
    case 'less_than_equal':
      return sign <= 0;
  }
  throw new Error(`unexpected operator ${op}`);
}

function registeredAtHolds(op: string, time: number, literal: string): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(literal)) {
    const dayStart = Date.parse(`${literal}T00:00:00Z`);
    const nextDay = dayStart + 24 * 60 * 60 * 1000;
    switch (op) {
      case 'equals':
        return time >= dayStart && time < nextDay;
      case 'not_equals':
        return !(time >= dayStart && time < nextDay);
      case 'less_than':
        return time < dayStart;
      case 'less_than_equal':
        return time < nextDay;
      case 'greater_than':
        return time >= nextDay;
      case 'greater_than_equal':
        return time >= dayStart;
    }
  }
  const hasZone = /(Z|[+-]\d\d:\d\d)$/.test(literal);
  const instant = Date.parse(hasZone ? literal : `${literal}Z`);
  return signHolds(op, Math.sign(time - instant));
}

function evaluateComparison(node: ComparisonNode, view: InstanceView): boolean {
  const op = node.operator.operator;
  const args = argumentValues(node);
  switch (node.subject.name) {
    case 'attribute': {
      const name = node.subject.attribute!;
      if (op === 'exists') return view.attributes.has(name);
      if (op === 'not_exists') return !view.attributes.has(name);
      const value = view.attributes.get(name);
      if (value === undefined || value === null) return false;
      return stringHolds(op, value, args);
    }
    case 'task:group': {
      const groups = [...view.taskGroups.entries()].filter(([, n]) => n > 0).map(([g]) => g);
      if (op === 'exists') return groups.length > 0;
      if (op === 'not_exists') return groups.length === 0;
      const negations: Record<string, string> = {
        not_equals: 'equals',
        not_in: 'in',
        not_matches: 'matches',
      };
      const positive = negations[op];
      if (positive !== undefined) return !groups.some((g) => stringHolds(positive, g, args));
      return groups.some((g) => stringHolds(op, g, args));
    }
    case 'ec2InstanceId': {
      if (op === 'exists') return view.ec2InstanceId !== undefined;
      if (op === 'not_exists') return view.ec2InstanceId === undefined;
      if (view.ec2InstanceId === undefined) return false;
      return stringHolds(op, view.ec2InstanceId, args);
    }
    case 'agentConnected': {
      if (op === 'exists') return true;
      if (op === 'not_exists') return false;
      const text = view.agentConnected ? 'true' : 'false';
      return stringHolds(
        op,
        text,
        op === 'matches' || op === 'not_matches' ? args : args.map((a) => a.toLowerCase()),
      );
    }
    case 'agentVersion': {
      if (op === 'exists') return view.agentVersion !== undefined;
      if (op === 'not_exists') return view.agentVersion === undefined;
      if (view.agentVersion === undefined) return false;
      return signHolds(op, compareVersion(view.agentVersion, args[0]!));
    }
    case 'registeredAt': {
      if (op === 'exists') return view.registeredAt !== undefined;
      if (op === 'not_exists') return view.registeredAt === undefined;
      if (view.registeredAt === undefined) return false;
      return registeredAtHolds(op, view.registeredAt, args[0]!);
    }
    case 'runningTasksCount': {
      if (op === 'exists') return true;
      if (op === 'not_exists') return false;
      return signHolds(op, Math.sign(view.runningTasksCount - Number(args[0])));
    }
  }
}
