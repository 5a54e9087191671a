import type React from 'react';
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import type { CommentMessage, CommentThread } from '../../../shared/article';
import { isOwnMessage, type ThreadPlace } from '../../../shared/review/comments';
import { errorMessage } from '../api';
import {
  activeCommentSession,
  subscribeActiveCommentSession,
  type CommentSession,
} from '../editor/commentSession';
import { currentReviewer, startReviewer, subscribeReviewer } from '../editor/reviewer';
import { ariaShortcut, shortcutLabel } from '../platform';
import { fullTime, relativeTime } from '../../../shared/time';
import { CloseIcon } from './Icons';
import '../comments.css';

const ANCHOR_LABELS: Record<CommentThread['anchor'], string> = {
  headline: 'Headline',
  contentHighlight: 'Content Highlight',
  byline: 'Byline',
  body: 'Body',
};

/** The shortcut of "Comment" in the shared table (src/shared/shortcuts.ts). */
export const COMMENT_KEYS = 'addComment';

const noop = (): (() => void) => () => {};

function useCommentSession(): CommentSession | null {
  const session = useSyncExternalStore(subscribeActiveCommentSession, activeCommentSession);
  useSyncExternalStore(session?.subscribe ?? noop, session?.getVersion ?? (() => 0));
  return session;
}

function useReviewerName(): string {
  useEffect(() => startReviewer(), []);
  return useSyncExternalStore(subscribeReviewer, () => currentReviewer().name);
}

/** Ctrl/Cmd+Enter sends what is typed, as in chat and in Google Docs. */
function submitOnModEnter(e: React.KeyboardEvent, submit: () => void): void {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    submit();
  }
}

/**
 * The open article's comments in reading order (headline, Content Highlight, byline, body), each
 * with the text it is on, its messages, a reply box, edit and delete for your own messages, and
 * resolve/reopen. A thread whose text was deleted stays, marked "Text deleted". Choosing a
 * thread selects its text.
 */
export function CommentsPanel({ onClose }: { onClose: () => void }): React.JSX.Element {
  const id = useId();
  const session = useCommentSession();
  const me = useReviewerName();
  const [showResolved, setShowResolved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const places = session?.places() ?? [];
  const open = places.filter((p) => !p.thread.resolved);
  const resolved = places.length - open.length;
  const shown = showResolved ? places : open;
  const draft = session?.draft ?? null;

  const run = (action: () => void): boolean => {
    try {
      action();
      setError(null);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
  };

  // The active thread (chosen in the text) comes into view.
  const activeId = session?.activeId ?? null;
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (!activeId) return;
    list.current
      ?.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(activeId)}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  return (
    <aside className="side-panel comments-panel" aria-labelledby={`${id}-title`}>
      <div className="side-panel-head">
        <h2 id={`${id}-title`} className="panel-title">
          Comments
        </h2>
        <button type="button" className="icon-button" aria-label="Close comments" onClick={onClose}>
          <CloseIcon size={16} />
        </button>
      </div>
      <div className="side-panel-body">
        <div className="comments-tools">
          <button
            type="button"
            className="button button-small"
            aria-keyshortcuts={ariaShortcut(COMMENT_KEYS)}
            title={`Comment on the selected words (${shortcutLabel(COMMENT_KEYS)})`}
            disabled={!session}
            // Keep the selection in the body or field: the button must not take it.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => session?.startComment()}
          >
            Comment
          </button>
          <label className="comments-filter">
            <input
              type="checkbox"
              checked={showResolved}
              onChange={(e) => setShowResolved(e.target.checked)}
            />
            Show resolved ({resolved})
          </label>
        </div>
        <p className="comments-summary" role="status">
          {!session
            ? 'Open an article to see its comments.'
            : places.length === 0
              ? `No comments yet. Select words and choose Comment (${shortcutLabel(COMMENT_KEYS)}).`
              : `${open.length} open, ${resolved} resolved`}
        </p>
        {!me && session && (
          <p className="comments-hint">
            Comments are signed with your name from Settings, and none is set yet: set it there so others know
            who wrote them.
          </p>
        )}
        {(session?.notice ?? error) && (
          <p className="field-error" role="alert">
            {session?.notice ?? error}
          </p>
        )}
        {session && draft && (
          <DraftForm
            key={draft.id}
            label={ANCHOR_LABELS[draft.anchor]}
            quote={draft.quote}
            onSubmit={(text) => run(() => session.submitDraft(text))}
            onCancel={() => session.cancelDraft()}
          />
        )}
        {session && shown.length > 0 && (
          <ol className="comment-threads" ref={list} aria-label="Comment threads">
            {shown.map((p) => (
              <li key={p.thread.id}>
                <Thread place={p} me={me} active={p.thread.id === activeId} session={session} run={run} />
              </li>
            ))}
          </ol>
        )}
      </div>
    </aside>
  );
}

function DraftForm({
  label,
  quote,
  onSubmit,
  onCancel,
}: {
  label: string;
  quote: string;
  onSubmit: (text: string) => boolean;
  onCancel: () => void;
}): React.JSX.Element {
  const id = useId();
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.focus(), []);
  const submit = (): void => {
    if (text.trim()) onSubmit(text);
  };
  return (
    <form
      className="comment-draft"
      aria-labelledby={`${id}-label`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p id={`${id}-label`} className="comment-quote-line">
        New comment on <span className="comment-where">{label}</span>{' '}
        <q className="comment-quote-text">{quote}</q>
      </p>
      <textarea
        ref={box}
        className="text-input comment-input"
        aria-label="Comment"
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          } else submitOnModEnter(e, submit);
        }}
      />
      <div className="comment-actions">
        <button type="submit" className="button button-small button-primary" disabled={!text.trim()}>
          Save comment
        </button>
        <button type="button" className="button button-small button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Thread({
  place,
  me,
  active,
  session,
  run,
}: {
  place: ThreadPlace;
  me: string;
  active: boolean;
  session: CommentSession;
  run: (action: () => void) => boolean;
}): React.JSX.Element {
  const id = useId();
  const { thread, orphaned, text } = place;
  const [reply, setReply] = useState('');
  const first = thread.messages[0]!;
  const sendReply = (): void => {
    if (reply.trim() && run(() => session.reply(thread.id, reply))) setReply('');
  };
  return (
    <article
      className={`comment-thread${active ? ' is-active' : ''}${thread.resolved ? ' is-resolved' : ''}`}
      data-thread-id={thread.id}
      aria-labelledby={`${id}-quote`}
      aria-current={active ? 'true' : undefined}
    >
      <div className="comment-thread-head">
        <button
          type="button"
          id={`${id}-quote`}
          className="comment-quote"
          disabled={orphaned}
          title={orphaned ? 'The text this comment was on has been deleted' : 'Select this text'}
          onClick={() => session.select(thread.id)}
        >
          <span className="comment-where">{ANCHOR_LABELS[thread.anchor]}</span>{' '}
          <q className="comment-quote-text">{text}</q>
        </button>
        <div className="comment-badges">
          {orphaned && <span className="comment-badge comment-badge-orphaned">Text deleted</span>}
          {thread.resolved && <span className="comment-badge">Resolved</span>}
        </div>
      </div>
      <ul className="comment-messages">
        {thread.messages.map((m, i) => (
          <li key={m.id}>
            <Message
              message={m}
              own={isOwnMessage(m, { name: me })}
              first={i === 0}
              onEdit={(t) => run(() => session.edit(thread.id, m.id, t))}
              onDelete={() => run(() => session.deleteMessage(thread.id, m.id))}
            />
          </li>
        ))}
      </ul>
      {thread.resolved && thread.resolvedBy && (
        <p className="comment-resolved-by">
          Resolved by {thread.resolvedBy.name || 'someone unnamed'}
          {thread.resolvedAt && (
            <>
              {' '}
              <time dateTime={thread.resolvedAt} title={fullTime(thread.resolvedAt)}>
                {relativeTime(thread.resolvedAt)}
              </time>
            </>
          )}
        </p>
      )}
      {!thread.resolved && (
        <div className="comment-reply">
          <textarea
            className="text-input comment-input"
            rows={1}
            aria-label={`Reply to ${first.author.name || 'this comment'}`}
            placeholder="Reply…"
            value={reply}
            onChange={(e) => setReply(e.target.value)}
            onKeyDown={(e) => submitOnModEnter(e, sendReply)}
          />
          {reply.trim() && (
            <button type="button" className="button button-small button-primary" onClick={sendReply}>
              Reply
            </button>
          )}
        </div>
      )}
      <div className="comment-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() => run(() => session.setResolved(thread.id, !thread.resolved))}
        >
          {thread.resolved ? 'Reopen' : 'Resolve'}
        </button>
      </div>
    </article>
  );
}

function Message({
  message,
  own,
  first,
  onEdit,
  onDelete,
}: {
  message: CommentMessage;
  own: boolean;
  first: boolean;
  onEdit: (text: string) => boolean;
  onDelete: () => void;
}): React.JSX.Element {
  const [editing, setEditing] = useState<string | null>(null);
  const author = message.author.name || 'Someone unnamed';
  const initials =
    message.author.initials ||
    author
      .split(/\s+/)
      .map((w) => w[0] ?? '')
      .join('')
      .slice(0, 2)
      .toUpperCase();
  const save = (): void => {
    if (editing !== null && editing.trim() && onEdit(editing)) setEditing(null);
  };
  return (
    <div className="comment-message">
      <p className="comment-meta">
        <span className="comment-avatar" aria-hidden="true">
          {initials}
        </span>
        <span className="comment-author">{author}</span>{' '}
        <time className="comment-time" dateTime={message.at} title={fullTime(message.at)}>
          {relativeTime(message.at)}
        </time>
        {message.editedAt && <span className="comment-edited"> (edited)</span>}
      </p>
      {editing === null ? (
        <p className="comment-text">{message.text}</p>
      ) : (
        <div className="comment-edit">
          <textarea
            className="text-input comment-input"
            aria-label="Edit comment"
            rows={2}
            value={editing}
            autoFocus
            onChange={(e) => setEditing(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                setEditing(null);
              } else submitOnModEnter(e, save);
            }}
          />
          <div className="comment-actions">
            <button
              type="button"
              className="button button-small button-primary"
              onClick={save}
              disabled={!editing.trim()}
            >
              Save
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => setEditing(null)}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {own && editing === null && (
        <div className="comment-actions comment-own">
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => setEditing(message.text)}
          >
            Edit
          </button>
          <button type="button" className="button button-small button-quiet button-danger" onClick={onDelete}>
            {first ? 'Delete thread' : 'Delete'}
          </button>
        </div>
      )}
    </div>
  );
}
