import { useEffect, useState } from 'react';
import type { TemplateSummary } from '../../shared/templates';
import { api } from '../api/client';
import { messageOf } from '../state/notices';
import { Dialog } from '../ui/Dialog';
import { atField, FieldError } from '../ui/FieldError';
import './NewMapDialog.css';

/** The "no template" choice, offered when the templates on disk include no "blank" one. */
const NONE: TemplateSummary = { id: '', name: 'Blank', description: 'An empty board: add stages and lanes as you go.', stageCount: 0 };

/** Title and a template to start from ("Blank" by default); creating opens the new map. */
export function NewMapDialog({ onCreated, onCancel }: { onCreated: (id: string) => void; onCancel: () => void }) {
  const [title, setTitle] = useState('');
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [template, setTemplate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.call('templates.list', {}).then(
      (list) => {
        if (!live) return;
        const hasBlank = list.some((t) => t.id === 'blank');
        setTemplates(list.length === 0 || hasBlank ? list : [NONE, ...list]);
        setTemplate((t) => t || (hasBlank ? 'blank' : ''));
      },
      (err) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const map = await api.call('maps.create', template ? { title, template } : { title });
      onCreated(map.id);
    } catch (err) {
      setError(atField(messageOf(err), 'title'));
      setBusy(false);
    }
  };

  return (
    <Dialog title="New map" confirmLabel={busy ? 'Creating…' : 'Create map'} busy={busy} wide onConfirm={() => void create()} onCancel={onCancel}>
      <label className="field">
        <span>Title</span>
        <input
          autoFocus
          value={title}
          maxLength={200}
          placeholder="e.g. Current account opening – as-is"
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      {templates && templates.length > 0 && (
        <fieldset className="templates">
          <legend>Start from</legend>
          {templates.map((t) => (
            <label key={t.id || 'none'} className={t.id === template ? 'template selected' : 'template'}>
              <input type="radio" name="template" value={t.id} checked={t.id === template} onChange={() => setTemplate(t.id)} />
              <span className="template-name">
                {t.name}
                {t.stageCount > 0 && <span className="template-stages">{t.stageCount} stages</span>}
              </span>
              <span className="template-desc">{t.description}</span>
            </label>
          ))}
        </fieldset>
      )}
      <FieldError message={error} />
    </Dialog>
  );
}
