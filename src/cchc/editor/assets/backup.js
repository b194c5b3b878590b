// A dossier's unsaved typing survives a reload. Decap keeps a backup of the draft in the
// browser and, on reload, asks whether to restore it as soon as it finds it; but it then
// loads the entry from the repository and replaces the restored draft with it (Decap
// 3.16.3, for saved and never-saved entries alike). When the clerk accepted a restore before
// that load arrived, the restored data and files are put back on the loaded entry.
import { afterReduce } from './store.js';

const RESTORED = 'DRAFT_CREATE_FROM_LOCAL_BACKUP';
const LOADED = 'DRAFT_CREATE_FROM_ENTRY';
const DISCARDED = 'DRAFT_DISCARD';

export function keepRestoredDraft() {
  let pending = null; // the restored entry, waiting for the repository's copy to arrive
  afterReduce((next, action, previous) => {
    if (action.type === RESTORED) {
      const loaded = previous?.entryDraft?.getIn(['entry', 'slug']);
      pending = loaded ? null : next.entryDraft.get('entry');
      return next;
    }
    if (action.type === DISCARDED) pending = null;
    if (action.type !== LOADED || !pending) return next;
    const restored = pending;
    pending = null;
    const entryDraft = next.entryDraft
      .setIn(['entry', 'data'], restored.get('data'))
      .setIn(['entry', 'mediaFiles'], restored.get('mediaFiles'))
      .set('hasChanged', true);
    return { ...next, entryDraft };
  });
}
