package main

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"sort"
	"strings"
)

// session is what the helper keeps between requests: the importer with the dependencies it has
// already read (their export data is most of a type check's cost) and each file's parsed syntax.
// Both live on one FileSet; a request with another importcfg starts a new session.
type session struct {
	cfgKey string
	fset   *token.FileSet
	imp    types.Importer
	parsed map[string]parsedFile
	kept   map[string][]string // per target (file:function), the functions its last slice kept
}

type parsedFile struct {
	src  string
	file *ast.File
}

// sessions holds the sessions of the last few importcfgs, newest last: switching between packages
// keeps each one's loaded dependencies. current is the one the request in progress uses.
var (
	sessions []*session
	current  *session
)

const maxSessions = 4

// sessionFor returns the session for this importcfg, new when none has it (another package, or
// dependencies rebuilt) or when its FileSet has grown large from many re-parsed versions.
func sessionFor(cfg map[string]string) *session {
	keys := make([]string, 0, len(cfg))
	for k := range cfg {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + cfg[k] + "\n")
	}
	key := b.String()
	for i, ss := range sessions {
		if ss.cfgKey == key && ss.fset.Base() < 1<<28 {
			sessions = append(append(sessions[:i:i], sessions[i+1:]...), ss)
			current = ss
			return ss
		}
	}
	fset := token.NewFileSet()
	current = &session{cfgKey: key, fset: fset, parsed: map[string]parsedFile{}, kept: map[string][]string{},
		imp: importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
			p, ok := cfg[path]
			if !ok {
				return nil, fmt.Errorf("no export data for %s", path)
			}
			return os.Open(p)
		})}
	kept := sessions[:0]
	for _, ss := range sessions {
		if ss.cfgKey != key {
			kept = append(kept, ss)
		}
	}
	sessions = append(kept, current)
	if len(sessions) > maxSessions {
		sessions = sessions[1:]
	}
	return current
}

var errResend = fmt.Errorf("resend")

// parse returns the file's syntax and text, parsed again only when its text changed; a nil text
// means "as last time".
func (ss *session) parse(key string, src *string) (*ast.File, string, error) {
	p, ok := ss.parsed[key]
	if src == nil {
		if !ok {
			return nil, "", errResend
		}
		return p.file, p.src, nil
	}
	if ok && p.src == *src {
		return p.file, p.src, nil
	}
	f, err := parser.ParseFile(ss.fset, key[strings.IndexByte(key, 0)+1:], *src, parser.SkipObjectResolution|parser.ParseComments)
	if err != nil {
		delete(ss.parsed, key)
		return nil, "", err
	}
	ss.parsed[key] = parsedFile{*src, f}
	return f, *src, nil
}

// lastKept returns the declarations, in the current syntax, that the last slice of a target kept.
func (ss *session) lastKept(key string, files map[string]*ast.File) []*ast.FuncDecl {
	names := ss.kept[key]
	if len(names) == 0 {
		return nil
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var out []*ast.FuncDecl
	for fname, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && want[fname+":"+funcName(fd)] {
				out = append(out, fd)
			}
		}
	}
	return out
}

func (ss *session) rememberKept(key string, files map[string]*ast.File, keep map[*ast.FuncDecl]bool) {
	var names []string
	for fname, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && keep[fd] {
				names = append(names, fname+":"+funcName(fd))
			}
		}
	}
	if len(ss.kept) > 256 {
		ss.kept = map[string][]string{}
	}
	ss.kept[key] = names
}
