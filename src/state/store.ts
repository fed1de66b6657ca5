/** A minimal external store for React's useSyncExternalStore: state, dispatch, subscribe. */
import { applyCommand, type ProjectCommand, type ProjectState } from './project-state';

export interface ProjectStore {
  getState(): ProjectState;
  dispatch(command: ProjectCommand): void;
  subscribe(listener: () => void): () => void;
}

export function createProjectStore(initial: ProjectState): ProjectStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(command) {
      const next = applyCommand(state, command);
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
