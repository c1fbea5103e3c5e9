package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"time"
)

type slicer struct {
	called  map[*ast.SelectorExpr]bool     // selectors in call position, once computed
	pkgUses map[*types.PkgName][]token.Pos // where each import is used
	fset    *token.FileSet
	pkg     *types.Package
	info    *types.Info
	files   map[string]*ast.File
	declOf  map[*types.Func]*ast.FuncDecl
	keep    map[*ast.FuncDecl]bool
	queue   []*ast.FuncDecl
}

func slice(req *request) (resp response) {
	defer func() {
		if r := recover(); r != nil {
			current, sessions = nil, nil // the sessions may be inconsistent: start afresh
			resp = response{Error: fmt.Sprint("slicer panic: ", r)}
		}
	}()
	t0 := time.Now()
	ss := sessionFor(req.Importcfg)
	s := &slicer{fset: ss.fset, files: map[string]*ast.File{}}
	names := make([]string, 0, len(req.Files))
	for n := range req.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	prefix := req.ImportPath + "\x00"
	for k := range ss.parsed {
		if _, ok := req.Files[strings.TrimPrefix(k, prefix)]; strings.HasPrefix(k, prefix) && !ok {
			delete(ss.parsed, k) // a file the package no longer has
		}
	}
	var files []*ast.File
	texts := map[string]string{}
	for _, n := range names {
		f, text, err := ss.parse(prefix+n, req.Files[n])
		if err == errResend {
			return response{Resend: true, Error: "unknown file " + n}
		}
		if err != nil {
			return response{Error: err.Error()}
		}
		s.files[n] = f
		texts[n] = text
		files = append(files, f)
	}
	t1 := time.Now()
	var target *ast.FuncDecl
	for n, f := range s.files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && n == req.File &&
				s.fset.Position(fd.Pos()).Line <= req.Line && req.Line <= s.fset.Position(fd.End()).Line {
				target = fd
			}
		}
	}
	if target == nil {
		return response{Error: fmt.Sprintf("no function at %s:%d", req.File, req.Line)}
	}
	// Only the bodies the slice keeps need type information: check those (starting from what the last
	// slice of this function kept), and check again with more while the closure finds more. A generic
	// target needs its instantiation sites, anywhere: everything is checked.
	var checked map[*ast.FuncDecl]bool
	if !isGeneric(target) {
		checked = map[*ast.FuncDecl]bool{target: true}
		for _, f := range s.files {
			for _, d := range f.Decls {
				// Bodies too short to stub stay in the slice as they are: they need checking too.
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && fd.Body.End()-fd.Body.Pos() < 32 {
					checked[fd] = true
				}
			}
		}
		for _, d := range ss.lastKept(req.File+":"+funcName(target), s.files) {
			checked[d] = true
		}
	}
	var plans map[string]*filePlan
	rounds := 0
	for {
		rounds++
		if err := s.check(req, files, checked); err != nil {
			return response{Error: "type error: " + err.Error()}
		}
		s.keep, s.queue = map[*ast.FuncDecl]bool{}, nil
		s.add(s.info.Defs[target.Name])
		if isGeneric(target) {
			s.keepGenericCompanions(target)
		}
		s.closure()
		if checked != nil && !subset(s.keep, checked) {
			for d := range s.keep {
				checked[d] = true
			}
			continue
		}
		// Where the target method may be taken as a method value, those bodies need their types.
		if checked != nil && target.Recv != nil {
			more := false
			for _, d := range methodValueCandidates(s.files, target.Name.Name) {
				if !checked[d] {
					checked[d], more = true, true
				}
			}
			if more {
				continue
			}
		}
		s.indexPkgUses()
		plans = map[string]*filePlan{}
		unresolved, more := false, false
		for _, n := range names {
			plans[n] = s.plan(s.files[n], texts[n])
			unresolved = unresolved || plans[n].unresolved
			for _, d := range plans[n].needBodies {
				if checked != nil && !checked[d] {
					checked[d], more = true, true
				}
			}
		}
		if unresolved && checked != nil {
			if !more {
				checked = nil // no body found by syntax: every body's information
			}
			continue
		}
		break
	}
	t2 := time.Now()
	var extraName, extraText string
	if recv := s.methodValueReceiver(target); recv != "" {
		extraName = "zz_optlens_methodvalue.go"
		extraText = fmt.Sprintf("package %s\n\nfunc optlensMethodValue() { var x %s; _ = x.%s }\n",
			s.pkg.Name(), recv, target.Name.Name)
	}
	if checked != nil {
		ss.rememberKept(req.File+":"+funcName(target), s.files, checked)
	}
	s.dropUnreferenced(plans)
	blanks, renames := map[string][][3]int{}, map[string][][2]int{}
	for _, n := range names {
		b, r := plans[n].edits()
		if len(b) > 0 {
			blanks[n] = b
		}
		if len(r) > 0 {
			renames[n] = r
		}
	}
	var kept []string
	for d := range s.keep {
		kept = append(kept, funcName(d))
	}
	sort.Strings(kept)
	t3 := time.Now()
	return response{OK: true, Target: funcName(target), Start: s.fset.Position(target.Pos()).Line,
		End: s.fset.Position(target.End()).Line, Kept: kept, Blanks: blanks, Renames: renames,
		ExtraName: extraName, ExtraText: extraText,
		Micros: map[string]int64{"parse": t1.Sub(t0).Microseconds(), "check": t2.Sub(t1).Microseconds(),
			"slice": t3.Sub(t2).Microseconds(), "rounds": int64(rounds)}}
}

// check type-checks the package; with checked non-nil, only those function bodies (the others are
// given to go/types without a body, and the soft errors that causes, such as unused imports, are
// ignored). It resets the type information and the function index.
func (s *slicer) check(req *request, files []*ast.File, checked map[*ast.FuncDecl]bool) error {
	var firstErr error
	conf := types.Config{Importer: current.imp, Error: func(err error) {
		if te, ok := err.(types.Error); ok && te.Soft && checked != nil {
			return
		}
		if firstErr == nil {
			firstErr = err
		}
	}}
	if req.GoVersion != "" {
		conf.GoVersion = "go" + req.GoVersion
	}
	input := files
	if checked != nil {
		input = make([]*ast.File, len(files))
		for i, f := range files {
			nf := *f
			nf.Decls = make([]ast.Decl, len(f.Decls))
			for j, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && !checked[fd] {
					bodiless := *fd
					bodiless.Body = nil
					nf.Decls[j] = &bodiless
				} else {
					nf.Decls[j] = d
				}
			}
			input[i] = &nf
		}
	}
	s.info = &types.Info{Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{}, Types: map[ast.Expr]types.TypeAndValue{},
		Implicits: map[ast.Node]types.Object{}}
	s.pkg, _ = conf.Check(req.ImportPath, s.fset, input, s.info)
	if firstErr != nil {
		return firstErr
	}
	s.declOf = map[*types.Func]*ast.FuncDecl{}
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if fn, ok := s.info.Defs[fd.Name].(*types.Func); ok {
					s.declOf[fn] = fd
				}
			}
		}
	}
	return nil
}

func subset(a, b map[*ast.FuncDecl]bool) bool {
	for d := range a {
		if !b[d] {
			return false
		}
	}
	return true
}
