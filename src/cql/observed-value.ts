/**
 * The value an instance has for a subject, as shown in explanations (`null`: none).
 */
import type { SubjectNode } from '../../grammar/ast.js';
import type { InstanceView } from '../kernel/instance-view.js';

export type Observer = (view: InstanceView) => string | null;

export function observerFor(subject: SubjectNode): Observer {
  switch (subject.name) {
    case 'attribute': {
      const name = subject.attribute ?? '';
      return (view) => view.attributes.get(name) ?? null;
    }
    case 'agentConnected':
      return (view) => String(view.agentConnected);
    case 'agentVersion':
      return (view) => view.agentVersion ?? null;
    case 'ec2InstanceId':
      return (view) => view.ec2InstanceId ?? null;
    case 'registeredAt':
      return (view) =>
        view.registeredAt === undefined || !Number.isFinite(view.registeredAt)
          ? null
          : new Date(view.registeredAt).toISOString();
    case 'runningTasksCount':
      return (view) => String(view.runningTasksCount);
    case 'task:group':
      return (view) => {
        const groups = [...view.taskGroups].filter(([, count]) => count > 0).map(([g]) => g);
        return groups.length === 0 ? null : groups.sort().join(', ');
      };
  }
}
