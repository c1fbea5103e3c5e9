;;; eglot-e2e.el --- optlens through Emacs eglot, in batch mode  -*- lexical-binding: t; -*-
;; Usage: OPTLENS_JAR=… OPTLENS_WORKSPACE=… emacs --batch -Q -l eglot-e2e.el
;; Opens basics.go with eglot talking to `optlens lsp', then checks diagnostics (through flymake),
;; inlay hints, hover and optlens.showAssembly over eglot's own connection.

(require 'eglot)
(require 'flymake)

(define-derived-mode optlens-e2e-go-mode prog-mode "Go" "Plain Go buffers for the test.")
(add-to-list 'auto-mode-alist '("\\.go\\'" . optlens-e2e-go-mode))
(add-to-list 'eglot-server-programs
             `(optlens-e2e-go-mode . ("java" "-jar" ,(getenv "OPTLENS_JAR") "lsp")))
(setq eglot-sync-connect 60
      eglot-connect-timeout 120
      eglot-events-buffer-config '(:size 0))

(defvar optlens-e2e-passed 0)
(defvar optlens-e2e-failed 0)

(defun optlens-e2e-check (name ok &optional detail)
  (if ok
      (progn (setq optlens-e2e-passed (1+ optlens-e2e-passed)) (message "eglot e2e: ok: %s" name))
    (setq optlens-e2e-failed (1+ optlens-e2e-failed))
    (message "eglot e2e: FAILED: %s %s" name (or detail ""))))

(defun optlens-e2e-wait (pred seconds)
  "Process server output until PRED is non-nil or SECONDS pass; return PRED's value."
  (let ((deadline (+ (float-time) seconds)) value)
    (while (and (not (setq value (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.2))
    value))

(let* ((file (expand-file-name "basics.go" (getenv "OPTLENS_WORKSPACE")))
       (buf (find-file-noselect file)))
  (with-current-buffer buf
    (apply #'eglot (eglot--guess-contact))
    (let ((server (optlens-e2e-wait #'eglot-current-server 120))
          (doc (eglot--TextDocumentIdentifier)))
      (optlens-e2e-check "eglot connected" server)
      ;; Diagnostics arrive as flymake diagnostics in the buffer.
      (let ((diag (optlens-e2e-wait
                   (lambda ()
                     ;; No command loop in batch mode: ask flymake to run eglot's backend now.
                     (flymake-start)
                     (seq-find (lambda (d) (string-match-p "moved to heap: p" (flymake-diagnostic-text d)))
                               (flymake-diagnostics)))
                   180)))
        (optlens-e2e-check "diagnostic: moved to heap: p" diag)
        (when diag
          (optlens-e2e-check "diagnostic on line 52"
                             (= 52 (line-number-at-pos (flymake-diagnostic-beg diag))))))
      ;; Inlay hints, hover and the assembly command over eglot's connection.
      (let* ((hints (jsonrpc-request server :textDocument/inlayHint
                                     `(:textDocument ,doc :range (:start (:line 0 :character 0) :end (:line 200 :character 0)))))
             ;; A label is a string or parts ({:value, :tooltip}): a line's hints come as parts.
             (labels (mapcar (lambda (h) (let ((l (plist-get h :label)))
                                           (if (stringp l) l (mapconcat (lambda (p) (plist-get p :value)) l ""))))
                             hints)))
        ;; eglot shows no code lenses: the inline cost is a hint after the signature.
        (optlens-e2e-check "inlay hint: inline 24/80" (member "inline 24/80" labels) (format "%S" labels))
        (optlens-e2e-check "inlay hint after its line: ⟵ heap: p" (member "⟵ heap: p" labels) (format "%S" labels)))
      (let* ((hover (jsonrpc-request server :textDocument/hover
                                     `(:textDocument ,doc :position (:line 51 :character 1))))
             (text (plist-get (plist-get hover :contents) :value)))
        (optlens-e2e-check "hover: plain words first, the compiler's words after"
                           (and text (string-prefix-p "`p` is moved to the heap: its address is returned at line 53." text)
                                (string-match-p "moved to heap: p" text)) text))
      (let* ((asm (jsonrpc-request server :workspace/executeCommand
                                   `(:command "optlens.showAssembly"
                                     :arguments [(:uri ,(plist-get doc :uri) :position (:line 51 :character 1))])
                                   :timeout 120))
             (lines (plist-get asm :lines)))
        (optlens-e2e-check "optlens.showAssembly: basics.NewPoint"
                           (and (equal (plist-get asm :function) "basics.NewPoint") (> (length lines) 5))
                           (format "%S" (plist-get asm :function))))
      (eglot-shutdown server))))

(message "%d passed, %d failed" optlens-e2e-passed optlens-e2e-failed)
(kill-emacs (if (and (> optlens-e2e-passed 0) (= optlens-e2e-failed 0)) 0 1))
