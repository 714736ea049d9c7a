import { useEffect } from "react";
import { useShell } from "../../state/shell";

/** Short messages ("Opened 2 shared files."), read out politely and dismissed after a while. */
export function NoticeToast() {
  const notice = useShell((s) => s.notice);
  const dismiss = useShell((s) => s.dismissNotice);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(dismiss, notice.tone === "error" ? 12_000 : 4000);
    return () => clearTimeout(t);
  }, [notice, dismiss]);
  return (
    <div className="notice-region" role="status" aria-live="polite">
      {notice && (
        <div className={`notice notice-${notice.tone}`} key={notice.id}>
          <span>{notice.text}</span>
          <button type="button" className="notice-close" aria-label="Dismiss" onClick={dismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
