import { useEffect, useId, useRef, useState } from "react";
import { share } from "../../state/controls";

/** "Share": a link carrying the editor's files, copied to the clipboard and shown to copy by hand. */
export function ShareButton() {
  const [link, setLink] = useState<{ url: string; copied: boolean } | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);
  const panelId = useId();
  useEffect(() => {
    if (!link) return;
    inputRef.current?.select();
    const close = (e: KeyboardEvent) => e.key === "Escape" && setLink(undefined);
    addEventListener("keydown", close);
    return () => removeEventListener("keydown", close);
  }, [link]);
  return (
    <div className="share">
      <button type="button" aria-expanded={link !== undefined} aria-controls={panelId} onClick={async () => setLink(link ? undefined : await share())} title="A link that opens Kubelab with your editor files">
        Share
      </button>
      {link && (
        <div className="share-popover" id={panelId} role="dialog" aria-label="Share link">
          <p>{link.copied ? "Link copied. It opens Kubelab with your editor files:" : "Copy this link: it opens Kubelab with your editor files:"}</p>
          <input ref={inputRef} readOnly value={link.url} aria-label="Share link" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={() => setLink(undefined)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
