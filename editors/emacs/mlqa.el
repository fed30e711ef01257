;;; mlqa.el --- mlqa-lsp with eglot -*- lexical-binding: t; -*-

;; Load this file (or paste it into your init file), with `mlqa-lsp' on your PATH.
;; Opening a Markdown or YAML file inside a KB then starts the server; `M-x eglot' starts it
;; by hand anywhere else.

(require 'eglot)

(add-to-list 'eglot-server-programs
             '((markdown-mode gfm-mode yaml-mode yaml-ts-mode) . ("mlqa-lsp")))

;; Emacs has no Markdown mode of its own: without the markdown-mode package, `.md' files open
;; in `fundamental-mode', where no hook runs. Inside a KB they open in `text-mode' instead (see
;; `mlqa-plain-markdown-maybe'); this entry, appended so that any other server you configured
;; for a text mode comes first, lets eglot start mlqa-lsp there.
(add-to-list 'eglot-server-programs
             '(((text-mode :language-id "markdown")) . ("mlqa-lsp"))
             t)

(defun mlqa-kb-file-p ()
  "Whether the buffer's file belongs to an mlqa knowledge base."
  (and buffer-file-name
       (or (locate-dominating-file buffer-file-name "mlqa.toml")
           (locate-dominating-file buffer-file-name "kb/mlqa.toml"))
       t))

(defun mlqa-eglot-maybe ()
  "Start eglot when the buffer belongs to an mlqa knowledge base."
  (when (mlqa-kb-file-p)
    (eglot-ensure)))

(defun mlqa-plain-markdown-maybe ()
  "Without markdown-mode, open a KB's `.md' file in `text-mode' with eglot."
  (when (and (eq major-mode 'fundamental-mode)
             buffer-file-name
             (string-match-p "\\.md\\'" buffer-file-name)
             (mlqa-kb-file-p))
    (text-mode)
    (eglot-ensure)))

(add-hook 'markdown-mode-hook #'mlqa-eglot-maybe)
(add-hook 'yaml-mode-hook #'mlqa-eglot-maybe)
(add-hook 'yaml-ts-mode-hook #'mlqa-eglot-maybe)
(add-hook 'find-file-hook #'mlqa-plain-markdown-maybe)

(provide 'mlqa)
;;; mlqa.el ends here
