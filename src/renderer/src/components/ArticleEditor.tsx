import type React from 'react';
import { memo, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useEditor, type Editor } from '@tiptap/react';
import { Placeholder } from '@tiptap/extensions';
import {
  DESK_STATUS_LABELS,
  type Article,
  type ArticleContent,
  type RelatedItem,
} from '../../../shared/article';
import type { LibrarySettings, SaveReason, SaveResult } from '../../../shared/contract';
import { articleExtensions } from '../../../shared/editor/articleExtensions';
import { api, errorMessage } from '../api';
import { AutoSaver } from '../autosave';
import { LinkBoundary } from '../editor/LinkBoundary';
import { LinkShortcut } from '../editor/LinkShortcut';
import { WarmLinkify } from '../editor/WarmLinkify';
import { PendingInput, takeInPendingInput } from '../editor/pendingInput';
import { CleanPaste } from '../editor/CleanPaste';
import { bodyJSON } from '../../../shared/editor/bodyJson';
import { EditorShortcuts } from '../editor/EditorShortcuts';
import { FindReplace } from '../editor/FindReplace';
import { EditorMount } from './EditorMount';
import { DrawnNearCaret, KeepCaretInView } from '../editor/reveal';
import { CheckDecorations } from '../checks/CheckDecorations';
import { hasModifier, shortcutLabel } from '../platform';
import { ArticleEditorLinkBubble } from './ArticleEditorLinkBubble';
import { BudgetSettings } from './ArticleEditorSettings';
import { FigureWithView } from './FigureView';
import { FindBar } from './FindBar';
import { ThemeSelect } from './StatusBarTheme';
import { createdLabel, fullTime } from '../../../shared/time';
import { ArticleFields, type ArticleFieldsHandle, type FieldName, type FieldValues } from './ArticleFields';
import { EditorCounts, SaveErrorBanner, SaveStatus } from './EditorStatus';
import { EditorToolbar } from './EditorToolbar';
import { Comments } from '../editor/Comments';
import { CommentSession } from '../editor/commentSession';
import { ExportIcon, TrashIcon } from './Icons';
import { LinkDialog } from './LinkDialog';
import { Suggesting } from '../editor/Suggesting';
import { SuggestionSession } from '../editor/suggestionSession';
import { SUGGESTING_KEYS, SuggestingToggle } from './SuggestingControls';
import { RelatedArticles } from './RelatedArticles';

export interface ArticleEditorHandle {
  /** Saves whatever is unsaved; rejects (with the message shown) if it could not be saved. */
  flush(reason: SaveReason): Promise<void>;
}

interface ArticleEditorProps {
  article: Article;
  settings: LibrarySettings;
  /** Put the caret in the headline on open (a new article). */
  focusHeadline: boolean;
  onSaved: (id: string, content: ArticleContent, result: SaveResult) => void;
  onExport: () => void;
  /** Moves the article to trash; gets the headline as typed, for the confirmation. */
  onTrash: (headline: string) => void;
  handleRef: React.Ref<ArticleEditorHandle>;
}

/** Reads an image file the user pasted or dropped and stores it in the library. */
async function storeImage(articleId: string, file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  const { src } = await api.addImageBytes({ articleId, name: file.name || 'pasted image', bytes });
  return src;
}

/**
 * One open article. Mounted with `key={article.id}`, so each article gets a fresh editor,
 * undo history and saver. Nothing here re-renders on a keystroke in the body: the toolbar,
 * counters and save status subscribe to exactly what they show.
 */
export const ArticleEditor = memo(function ArticleEditor({
  article,
  settings: librarySettings,
  focusHeadline,
  onSaved,
  onExport,
  onTrash,
  handleRef,
}: ArticleEditorProps): React.JSX.Element {
  const fields = useRef<FieldValues>({
    headline: article.headline,
    contentHighlight: article.contentHighlight,
    byline: article.byline,
    dateline: article.dateline,
  });
  const editorRef = useRef<Editor | null>(null);
  // "You may also like": edited under the body, saved with the rest (empty: left out of the file).
  const related = useRef<RelatedItem[]>(article.related ?? []);
  const fieldsHandle = useRef<ArticleFieldsHandle>(null);
  // Comment threads: saved with the article, anchored in the body and the fields (see commentSession.ts).
  const [comments] = useState(
    () =>
      new CommentSession({
        articleId: article.id,
        threads: article.comments ?? [],
        fields: () => fields.current,
        onChange: () => saverRef.current?.markDirty(),
      }),
  );
  const saverRef = useRef<AutoSaver | null>(null);
  // Suggesting mode and the fields' suggestions (see editor/suggestionSession.ts).
  const [suggestions] = useState(
    () =>
      new SuggestionSession({
        fieldSuggestions: article.fieldSuggestions ?? [],
        fields: () => fields.current,
        setField: (field, value) => fieldsHandle.current?.acceptValue(field, value),
        onChange: () => saverRef.current?.markDirty(),
      }),
  );
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const requestLinkRef = useRef<() => void>(() => {});
  const [settings, setSettings] = useState(librarySettings);
  useEffect(() => setSettings(librarySettings), [librarySettings]);
  const [notice, setNotice] = useState<string | null>(null);
  const imagesRef = useRef<(files: File[], pos: number | null) => boolean>(() => false);

  const [saver] = useState(
    () =>
      new AutoSaver({
        id: article.id,
        rev: article.rev,
        savedAt: article.updatedAt,
        getContent: () => ({
          ...fields.current,
          // Only the blocks changed since the last read are serialised (see shared/editor/bodyJson.ts).
          body: bodyJSON(editorRef.current!.state.doc),
          section: article.section,
          tags: article.tags,
          ...(related.current.length > 0 ? { related: related.current } : {}),
          ...(comments.threads.length > 0 ? { comments: [...comments.threads] } : {}),
          ...(suggestions.fieldSuggestions.length > 0
            ? { fieldSuggestions: [...suggestions.fieldSuggestions] }
            : {}),
        }),
        save: (input) => api.saveArticle(input),
        onSaved: (content, result) => onSavedRef.current(article.id, content, result),
      }),
  );
  saverRef.current = saver;

  const editor = useEditor(
    {
      extensions: [
        // Shortcuts act on the selection the page shows, not one a moment old.
        PendingInput,
        // The shared Figure, with the renderer's node view in its place (same name and schema).
        ...articleExtensions.map((e) =>
          e.name === 'figure' ? FigureWithView.configure({ articleId: article.id }) : e,
        ),
        Placeholder.configure({ placeholder: 'Write the story…' }),
        LinkShortcut.configure({ onRequestLink: () => requestLinkRef.current() }),
        LinkBoundary,
        WarmLinkify,
        FindReplace,
        KeepCaretInView,
        DrawnNearCaret,
        CleanPaste.configure({ onImages: (files, pos) => imagesRef.current(files, pos) }),
        EditorShortcuts,
        // The copy desk's underlines (spelling, names, style…), fed by the checks worker.
        CheckDecorations.configure({ articleId: article.id }),
        Comments.configure({ session: comments }),
        // Suggesting mode: turns edits into suggestions while the session says so.
        Suggesting.configure({ session: suggestions }),
      ],
      content: article.body,
      // TipTap's "delete" extension replays every edit's steps against the previous document to
      // report deletions, on each keystroke; nothing here listens for them.
      enableCoreExtensions: { delete: false },
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      // TipTap would add its base CSS as an inline <style>, which the page's CSP forbids;
      // the same rules are in app.css.
      injectCSS: false,
      editorProps: {
        attributes: {
          'aria-label': 'Article body',
          role: 'textbox',
          'aria-multiline': 'true',
          class: 'article-body',
          spellcheck: 'true',
        },
      },
      onUpdate: ({ transaction }) => {
        if (transaction.docChanged) saver.markDirty();
      },
    },
    [],
  );
  editorRef.current = editor;

  const [link, setLink] = useState<{ url: string; editing: boolean } | null>(null);
  requestLinkRef.current = () => {
    if (editor.isFocused) takeInPendingInput(editor.view);
    const href = editor.getAttributes('link').href as string | undefined;
    setLink({ url: href ?? '', editing: editor.isActive('link') });
  };

  imagesRef.current = (files, pos) => {
    void (async () => {
      for (const file of files) {
        try {
          const src = await storeImage(article.id, file);
          const chain = editor.chain().focus();
          (pos === null ? chain : chain.setTextSelection(pos)).setFigure({ src }).run();
        } catch (e) {
          setNotice(errorMessage(e));
        }
      }
    })();
    return true;
  };

  const insertImage = async (): Promise<void> => {
    try {
      const picked = await api.insertImage({ articleId: article.id });
      if (picked) editor.chain().focus().setFigure({ src: picked.src }).run();
    } catch (e) {
      setNotice(errorMessage(e));
    }
  };

  const [find, setFind] = useState<{ replace: boolean; seq: number } | null>(null);
  const [budgetsOpen, setBudgetsOpen] = useState(false);
  const [focusMode, setFocusMode] = useState(false);
  useEffect(() => {
    document.documentElement.classList.toggle('focus-mode', focusMode);
    return () => document.documentElement.classList.remove('focus-mode');
  }, [focusMode]);

  // Find (Mod+F), find and replace (Mod+H) and distraction-free mode (Mod+Shift+F), wherever the
  // focus is in the window.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!hasModifier(e) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'f' && e.shiftKey) {
        e.preventDefault();
        setFocusMode((v) => !v);
      } else if ((key === 'f' || key === 'h') && !e.shiftKey) {
        e.preventDefault();
        setFind((f) => ({ replace: key === 'h' || Boolean(f?.replace), seq: (f?.seq ?? 0) + 1 }));
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  useEffect(() => suggestions.attach(editor), [suggestions, editor]);

  // An editor (the role set in Settings) opens drafts in suggesting mode; an article they have
  // just created is their own copy and opens in editing mode.
  useEffect(() => {
    if (focusHeadline) return;
    api
      .getAppSettings()
      .then((s) => {
        if (s.role === 'editor') suggestions.setSuggesting(true);
      })
      .catch(() => {});
  }, [suggestions, focusHeadline]);

  // Editing/Suggesting (Mod+Shift+E, as Word's track changes), wherever the focus is.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!hasModifier(e) || e.altKey || !e.shiftKey || e.key.toLowerCase() !== 'e') return;
      e.preventDefault();
      suggestions.setSuggesting(!suggestions.suggesting);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [suggestions]);

  useImperativeHandle(handleRef, () => ({ flush: (reason) => saver.flush(reason) }), [saver]);

  useEffect(() => {
    saver.start();
    return () => saver.stop();
  }, [saver]);

  useEffect(() => {
    if (focusHeadline) fieldsHandle.current?.focusHeadline();
  }, [focusHeadline]);

  const onFieldChange = (field: FieldName, value: string): void => {
    comments.fieldChanged(field, fields.current[field], value);
    fields.current = { ...fields.current, [field]: value };
    saver.markDirty();
  };

  const applyLink = (url: string): void => {
    setLink(null);
    const chain = editor.chain().focus().extendMarkRange('link');
    if (editor.state.selection.empty && !editor.isActive('link')) {
      // Nothing selected: insert the address itself as the link text.
      chain
        .insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] })
        // Autolinking makes the link mark inclusive; without this, the next words typed
        // would become part of the link.
        .unsetMark('link')
        .run();
    } else {
      chain.setLink({ href: url }).run();
    }
  };

  return (
    <div className={`editor-pane${focusMode ? ' is-focus-mode' : ''}`}>
      {find && (
        <FindBar
          editor={editor}
          fields={fieldsHandle}
          replaceOpen={find.replace}
          focusSeq={find.seq}
          onClose={() => {
            setFind(null);
            editor.commands.focus();
          }}
        />
      )}
      {notice && (
        <div className="editor-notice" role="alert">
          <span>{notice}</span>
          <button type="button" className="button button-quiet button-small" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      <div className="editor-scroll">
        <div className="sheet">
          <p className="sheet-meta">
            <span className={`desk-status desk-status-${article.status}`}>
              {DESK_STATUS_LABELS[article.status]}
            </span>
            <span className="sheet-meta-text" title={fullTime(article.createdAt)}>
              Created {createdLabel(article.createdAt)}
            </span>
          </p>
          <ArticleFields
            handleRef={fieldsHandle}
            initial={fields.current}
            headlineBudget={settings.headlineBudget}
            contentHighlightBudget={settings.contentHighlightBudget}
            onChange={onFieldChange}
            onLeaveLastField={() => editor.commands.focus('start')}
            suggestions={suggestions}
          />
          <EditorToolbar
            editor={editor}
            onRequestLink={() => requestLinkRef.current()}
            onInsertImage={() => void insertImage()}
            onFind={() => setFind((f) => ({ replace: false, seq: (f?.seq ?? 0) + 1 }))}
            onComment={() => comments.startComment()}
            onNote={() => comments.toggleNote()}
          />
          <EditorMount editor={editor} className="body-frame" />
          <RelatedArticles
            articleId={article.id}
            initial={related.current}
            onChange={(items) => {
              related.current = items;
              saver.markDirty();
            }}
          />
          <ArticleEditorLinkBubble
            editor={editor}
            onEdit={() => requestLinkRef.current()}
            onError={setNotice}
          />
        </div>
      </div>
      <SaveErrorBanner saver={saver} />
      <footer className="statusbar">
        <EditorCounts editor={editor} wordsPerMinute={settings.wordsPerMinute} />
        <button
          type="button"
          className="button button-quiet button-small"
          aria-haspopup="dialog"
          onClick={() => setBudgetsOpen(true)}
        >
          Budgets…
        </button>
        <ThemeSelect />
        <button
          type="button"
          className="button button-quiet button-small"
          aria-pressed={focusMode}
          title={`Distraction-free (${shortcutLabel('toggleFocusMode')})`}
          onClick={() => setFocusMode((v) => !v)}
        >
          Focus
        </button>
        <SuggestingToggle session={suggestions} shortcut={shortcutLabel(SUGGESTING_KEYS)} />
        <span className="spacer" />
        <SaveStatus saver={saver} />
        <button type="button" className="button button-quiet button-small" onClick={onExport}>
          <ExportIcon size={16} />
          Export HTML…
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => onTrash(fields.current.headline)}
        >
          <TrashIcon size={16} />
          Move to trash
        </button>
      </footer>
      {budgetsOpen && (
        <BudgetSettings
          settings={settings}
          onSaved={(next) => {
            setSettings(next);
            setBudgetsOpen(false);
          }}
          onClose={() => setBudgetsOpen(false)}
        />
      )}
      {link && (
        <LinkDialog
          initialUrl={link.url}
          editing={link.editing}
          onApply={applyLink}
          onRemove={() => {
            setLink(null);
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
          }}
          onClose={() => {
            setLink(null);
            editor.commands.focus();
          }}
        />
      )}
    </div>
  );
});
