;;; mlqa.el --- mlqa-lsp with eglot -*- lexical-binding: t; -*-

;; Load this file (or paste it into your init file), with `mlqa-lsp' on your PATH.
;; Then `M-x eglot' in an answer under kb/ (or add the hooks below).

(require 'eglot)

(add-to-list 'eglot-server-programs
             '((markdown-mode gfm-mode yaml-mode yaml-ts-mode) . ("mlqa-lsp")))

(defun mlqa-eglot-maybe ()
  "Start eglot when the buffer belongs to an mlqa knowledge base."
  (when (and buffer-file-name
             (or (locate-dominating-file buffer-file-name "mlqa.toml")
                 (locate-dominating-file buffer-file-name "kb/mlqa.toml")))
    (eglot-ensure)))

(add-hook 'markdown-mode-hook #'mlqa-eglot-maybe)
(add-hook 'yaml-mode-hook #'mlqa-eglot-maybe)

(provide 'mlqa)
;;; mlqa.el ends here
