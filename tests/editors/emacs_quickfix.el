;;; emacs_quickfix.el --- driven by tests/editors.rs -*- lexical-binding: t; -*-

;; `emacs --batch -l emacs_quickfix.el': load editors/emacs/mlqa.el as a user's init file would
;; (mlqa-lsp found on PATH), open MLQA_FILE, wait for Flymake to show mlqa-lsp's `broken-link',
;; pick the quick fix with `M-x eglot-code-actions' as a user would, save, and report what
;; happened to MLQA_RESULT (KEY=VALUE lines, `status=' last). The eglot events buffer (the
;; JSON-RPC traffic) is written to MLQA_EVENTS.

(require 'cl-lib)
(require 'subr-x)

(defvar mlqa-test-lines nil "The report, last line first.")
(defvar mlqa-test-buffer nil "The answer's buffer.")

(defun mlqa-test-note (key value)
  (push (format "%s=%s" key value) mlqa-test-lines))

(defun mlqa-test-finish (status)
  "Write the report with STATUS and the events buffer, then exit."
  (mlqa-test-note "status" status)
  (ignore-errors
    (let ((events (cl-find-if (lambda (b) (string-match-p "EGLOT.*events" (buffer-name b)))
                              (buffer-list))))
      (when events
        (with-current-buffer events
          (write-region (point-min) (point-max) (getenv "MLQA_EVENTS") nil 'quiet)))))
  (with-temp-file (getenv "MLQA_RESULT")
    (insert (string-join (reverse mlqa-test-lines) "\n") "\n"))
  (ignore-errors
    (when-let ((server (and mlqa-test-buffer
                            (with-current-buffer mlqa-test-buffer (eglot-current-server)))))
      (with-timeout (5 nil) (eglot-shutdown server))))
  (kill-emacs 0))

(defun mlqa-test-wait (seconds predicate)
  "Run the event loop (process output, timers) until PREDICATE or SECONDS pass."
  (let ((deadline (+ (float-time) seconds))
        value)
    (while (and (not (setq value (funcall predicate)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun mlqa-test-broken-link ()
  "The Flymake diagnostic of rule `broken-link' in the answer's buffer, if any."
  (with-current-buffer mlqa-test-buffer
    (cl-find-if (lambda (d) (string-match-p "\\[broken-link\\]" (flymake-diagnostic-text d)))
                (flymake-diagnostics))))

(defun mlqa-test-pick (prompt collection &rest _)
  "Stand in for the minibuffer: note what eglot offers and pick the first title that starts with MLQA_ACTION."
  (let ((titles (all-completions "" collection)))
    (mlqa-test-note "prompt" (string-trim prompt))
    (mlqa-test-note "offered" (string-join titles "|"))
    (let ((title (cl-find-if (lambda (title) (string-prefix-p (getenv "MLQA_ACTION") title)) titles)))
      (mlqa-test-note "action" title)
      (or title ""))))

(defun mlqa-test-run ()
  ;; What Emacs 27+ does at startup before a user's init file, and skips in batch mode: activate
  ;; the installed packages (Debian's elpa-eglot, elpa-markdown-mode), autoloads included.
  (package-activate-all)
  (load (getenv "MLQA_EL") nil t)
  (mlqa-test-note "markdown-mode-installed" (if (fboundp 'markdown-mode) "yes" "no"))
  (setq mlqa-test-buffer (find-file (getenv "MLQA_FILE")))
  (mlqa-test-note "mode" major-mode)
  ;; `eglot-ensure' (run by mlqa.el's hooks) connects when the command that opened the file is
  ;; over; in batch mode there is no command loop, so run what it runs after each command.
  (run-hooks 'post-command-hook)
  (unless (mlqa-test-wait 30 (lambda () (with-current-buffer mlqa-test-buffer
                                          (and (bound-and-true-p eglot--managed-mode)
                                               (eglot-current-server)))))
    (mlqa-test-finish "no-server"))
  (mlqa-test-note "server" (string-join (process-command
                                         (jsonrpc--process (eglot-current-server)))
                                        " "))
  (let ((diag (mlqa-test-wait 30 #'mlqa-test-broken-link)))
    (unless diag
      (mlqa-test-note "diagnostics" (replace-regexp-in-string
                                     "\n" "\\\\n"
                                     (mapconcat #'flymake-diagnostic-text (flymake-diagnostics) " | ")))
      (mlqa-test-finish "no-diagnostics"))
    (let ((text (flymake-diagnostic-text diag)))
      (string-match "\\[\\([^]]+\\)\\]" text)
      (mlqa-test-note "code" (match-string 1 text))
      (mlqa-test-note "line" (1- (line-number-at-pos (flymake-diagnostic-beg diag))))
      (mlqa-test-note "type" (flymake-diagnostic-type diag))
      (mlqa-test-note "text" (replace-regexp-in-string "\n" "\\\\n" text)))
    (goto-char (flymake-diagnostic-beg diag)))
  ;; M-x eglot-code-actions RET with point on the link, then the title typed at the prompt.
  (let ((before (buffer-string))
        (completing-read-function #'mlqa-test-pick)
        (last-nonmenu-event ?\r))
    (condition-case err
        (call-interactively #'eglot-code-actions)
      (error (mlqa-test-note "error" (error-message-string err))))
    (when (equal before (buffer-string))
      (mlqa-test-finish "no-action")))
  (save-buffer)
  (if (mlqa-test-wait 30 (lambda () (not (mlqa-test-broken-link))))
      (mlqa-test-finish "fixed")
    (mlqa-test-finish "still-broken")))

(condition-case err
    (mlqa-test-run)
  (error (mlqa-test-note "error" (error-message-string err))
         (mlqa-test-finish "error")))

;;; emacs_quickfix.el ends here
