package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
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
	edges   map[*ast.FuncDecl][]*ast.FuncDecl        // kept declaration -> the package's functions its body names
	from    *ast.FuncDecl                            // the body closure is reading, nil outside one
	reached map[*ast.FuncDecl]map[*ast.FuncDecl]bool // reach's answers while edges hold
}

// funcAt is the function declared in the named file around a 1-based line, or nil.
func (s *slicer) funcAt(file string, line int) *ast.FuncDecl {
	f := s.files[file]
	if f == nil {
		return nil
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && s.fset.Position(fd.Pos()).Line <= line && line <= s.fset.Position(fd.End()).Line {
			return fd
		}
	}
	return nil
}

// namingCandidates are the functions, other than the targets, whose bodies hold an identifier
// spelled as a target's name (syntax only: a call, a selector, a value).
func (s *slicer) namingCandidates(targets []*ast.FuncDecl) []*ast.FuncDecl {
	names := map[string]bool{}
	for _, t := range targets {
		names[t.Name.Name] = true
	}
	var out []*ast.FuncDecl
	for _, f := range s.files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || isTarget(fd, targets) {
				continue
			}
			found := false
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && names[id.Name] {
					found = true
				}
				return !found
			})
			if found {
				out = append(out, fd)
			}
		}
	}
	return out
}

// confirmCallers keeps the candidates whose bodies do name a target, by the type information; and
// says so when a package-level declaration names one (an initializer no function holds).
func (s *slicer) confirmCallers(targets, candidates []*ast.FuncDecl) ([]*ast.FuncDecl, string) {
	objs := map[types.Object]bool{}
	for _, t := range targets {
		if o := s.info.Defs[t.Name]; o != nil {
			objs[o] = true
		}
	}
	names := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if fn, ok := s.info.Uses[id].(*types.Func); ok && objs[fn.Origin()] {
					found = true
				}
			}
			return !found
		})
		return found
	}
	for _, f := range s.files {
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && names(g) && !s.onlyAsValues(g, objs, targets) {
				return nil, fmt.Sprintf("a package-level declaration names %s (%s)", funcName(targets[0]), s.fset.Position(g.Pos()))
			}
		}
	}
	var out []*ast.FuncDecl
	for _, c := range candidates {
		// A method may be called through an interface the compiler devirtualizes: a selector of its
		// name is enough (the candidate's syntax), not only one the type information ties to it.
		if names(c.Body) || anyMethod(targets) {
			out = append(out, c)
		}
	}
	return out, ""
}

// onlyAsValues says whether a package-level declaration names the targets only as values
// (float32Encoder = floatEncoder(32).encode): no call of one, no function literal that names one, no
// generic target. Nothing the package initializer does then reads a target's facts: it stores a
// function value. The wrapper the compiler makes for a method value calls the method; its flows are
// printed at the method's own parameters, among the target's decisions the slice answers for (every
// slice keeps the package-level declarations whole, and with them the wrapper).
func (s *slicer) onlyAsValues(g *ast.GenDecl, objs map[types.Object]bool, targets []*ast.FuncDecl) bool {
	for _, t := range targets {
		if isGeneric(t) {
			return false
		}
	}
	target := func(e ast.Expr) bool {
		for {
			switch x := e.(type) {
			case *ast.ParenExpr:
				e = x.X
			case *ast.SelectorExpr:
				e = x.Sel
			case *ast.IndexExpr:
				e = x.X
			case *ast.IndexListExpr:
				e = x.X
			case *ast.Ident:
				fn, ok := s.info.Uses[x].(*types.Func)
				return ok && objs[fn.Origin()]
			default:
				return false
			}
		}
	}
	values := true
	ast.Inspect(g, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			if target(x.Fun) {
				values = false
			}
		case *ast.FuncLit:
			found := false
			ast.Inspect(x, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && target(id) {
					found = true
				}
				return !found
			})
			if found {
				values = false
			}
			return false
		}
		return values
	})
	return values
}

// reach is every kept function d names, directly or not.
func (s *slicer) reach(d *ast.FuncDecl) map[*ast.FuncDecl]bool {
	if r, ok := s.reached[d]; ok {
		return r
	}
	seen := map[*ast.FuncDecl]bool{}
	stack := []*ast.FuncDecl{d}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, c := range s.edges[n] {
			if !seen[c] {
				seen[c] = true
				stack = append(stack, c)
			}
		}
	}
	if s.reached == nil {
		s.reached = map[*ast.FuncDecl]map[*ast.FuncDecl]bool{}
	}
	s.reached[d] = seen
	return seen
}

// cycleOthers counts the other functions in d's cycle of calls: those it reaches that reach it.
func (s *slicer) cycleOthers(d *ast.FuncDecl) int {
	n := 0
	for k := range s.reach(d) {
		if k != d && s.reach(k)[d] {
			n++
		}
	}
	return n
}

// callsInCycle is, by their indexes, the other functions of d's cycle of calls that d's declaration
// (its function literals included) calls directly: a function or a concrete method named in call
// position. A function only named (a function value) is weighed at no cost by d, whatever the order.
func (s *slicer) callsInCycle(d *ast.FuncDecl, index map[*ast.FuncDecl]int) []int {
	mine := s.reach(d)
	seen := map[int]bool{}
	var out []int
	ast.Inspect(d, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		var obj types.Object
		switch f := unparen(c.Fun).(type) {
		case *ast.Ident:
			obj = s.info.Uses[f]
		case *ast.SelectorExpr:
			if sel := s.info.Selections[f]; sel != nil {
				obj = sel.Obj()
			} else {
				obj = s.info.Uses[f.Sel]
			}
		}
		fn, ok := obj.(*types.Func)
		if !ok {
			return true
		}
		callee := s.declOf[fn.Origin()]
		if callee == nil || callee == d || !mine[callee] || !s.reach(callee)[d] {
			return true
		}
		if i, ok := index[callee]; ok && !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
		return true
	})
	sort.Ints(out)
	return out
}

// unparen is e without its parentheses (go/ast's Unparen is newer than go1.21).
func unparen(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

func anyMethod(ds []*ast.FuncDecl) bool {
	for _, d := range ds {
		if d.Recv != nil {
			return true
		}
	}
	return false
}

func anyGeneric(ds []*ast.FuncDecl) bool {
	for _, d := range ds {
		if isGeneric(d) {
			return true
		}
	}
	return false
}

// callersOf is the targets, then every kept function that names one of them in its body, directly or
// through other kept functions, in source order.
func (s *slicer) callersOf(targets []*ast.FuncDecl) []*ast.FuncDecl {
	reaches := map[*ast.FuncDecl]bool{}
	for _, t := range targets {
		reaches[t] = true
	}
	for grew := true; grew; {
		grew = false
		for d, to := range s.edges {
			if reaches[d] {
				continue
			}
			for _, c := range to {
				if reaches[c] {
					reaches[d], grew = true, true
					break
				}
			}
		}
	}
	out := append([]*ast.FuncDecl(nil), targets...)
	var rest []*ast.FuncDecl
	for d := range reaches {
		if !isTarget(d, targets) {
			rest = append(rest, d)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i].Pos() < rest[j].Pos() })
	return append(out, rest...)
}

func isTarget(d *ast.FuncDecl, targets []*ast.FuncDecl) bool {
	for _, t := range targets {
		if t == d {
			return true
		}
	}
	return false
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
	target := s.funcAt(req.File, req.Line)
	if target == nil {
		return response{Error: fmt.Sprintf("no function at %s:%d", req.File, req.Line)}
	}
	targets := []*ast.FuncDecl{target}
	for _, p := range req.Also {
		d := s.funcAt(p.File, p.Line)
		if d == nil {
			return response{Error: fmt.Sprintf("no function at %s:%d", p.File, p.Line)}
		}
		if d != target {
			targets = append(targets, d)
		}
	}
	// Only the bodies the slice keeps need type information: check those (starting from what the last
	// slice of this function kept), and check again with more while the closure finds more. A generic
	// target needs its instantiation sites, anywhere: everything is checked.
	var candidates []*ast.FuncDecl
	if req.Callers {
		candidates = s.namingCandidates(targets)
	}
	var callers []*ast.FuncDecl
	var checked map[*ast.FuncDecl]bool
	if !anyGeneric(targets) {
		checked = map[*ast.FuncDecl]bool{}
		for _, t := range targets {
			checked[t] = true
		}
		for _, c := range candidates {
			checked[c] = true
		}
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
		if req.Callers {
			var atPackageLevel string
			callers, atPackageLevel = s.confirmCallers(targets, candidates)
			if atPackageLevel != "" {
				return response{Error: atPackageLevel}
			}
		}
		s.keep, s.queue, s.edges, s.reached = map[*ast.FuncDecl]bool{}, nil, map[*ast.FuncDecl][]*ast.FuncDecl{}, nil
		for _, c := range callers {
			s.add(s.info.Defs[c.Name])
		}
		for _, t := range targets {
			s.add(s.info.Defs[t.Name])
			if isGeneric(t) {
				s.keepGenericCompanions(t)
			}
		}
		s.closure()
		if checked != nil && !subset(s.keep, checked) {
			for d := range s.keep {
				checked[d] = true
			}
			continue
		}
		// Where the target method may be taken as a method value, those bodies need their types.
		if checked != nil {
			more := false
			for _, t := range targets {
				if t.Recv == nil {
					continue
				}
				for _, d := range methodValueCandidates(s.files, map[string]bool{t.Name.Name: true}) {
					if !checked[d] {
						checked[d], more = true, true
					}
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
	var members []member
	var ordered []*ast.FuncDecl
	if req.Closure {
		ordered = s.callersOf(append(append([]*ast.FuncDecl(nil), targets...), callers...))
		index := map[*ast.FuncDecl]int{}
		for i, d := range ordered {
			index[d] = i
		}
		for _, d := range ordered {
			p := s.fset.Position(d.Pos())
			role := "cycle"
			if isTarget(d, targets) {
				role = "target"
			} else if isTarget(d, callers) {
				role = "caller"
			}
			members = append(members, member{File: filepath.Base(p.Filename), Name: funcName(d), Start: p.Line,
				End: s.fset.Position(d.End()).Line, Role: role, Cycle: s.cycleOthers(d), CallsInCycle: s.callsInCycle(d, index)})
		}
		for i, d := range ordered {
			if members[i].Cycle == 0 {
				continue
			}
			for j, e := range ordered[:i+1] {
				if e == d || s.reach(d)[e] && s.reach(e)[d] {
					members[i].CycleID = j + 1
					break
				}
			}
		}
	}
	var extraName, extraText string
	var values []string
	for i, t := range targets {
		if recv := s.methodValueReceiver(t); recv != "" {
			values = append(values, fmt.Sprintf("func optlensMethodValue%d() { var x %s; _ = x.%s }\n", i, recv, t.Name.Name))
		}
	}
	if len(values) > 0 {
		extraName = "zz_optlens_methodvalue.go"
		extraText = fmt.Sprintf("package %s\n\n%s", s.pkg.Name(), strings.Join(values, ""))
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
	var takers []place
	takersError := ""
	if req.Closure {
		// Last: it checks more bodies, and so resets the type information the slice was made with.
		found, err := s.methodTakers(req, files, checked, ordered)
		if err != nil {
			takersError = err.Error()
		}
		for _, d := range found {
			p := s.fset.Position(d.Pos())
			takers = append(takers, place{File: filepath.Base(p.Filename), Line: p.Line})
		}
	}
	t3 := time.Now()
	return response{Takers: takers, TakersError: takersError, OK: true, Target: funcName(target), Start: s.fset.Position(target.Pos()).Line,
		End: s.fset.Position(target.End()).Line, Kept: kept, Blanks: blanks, Renames: renames,
		ExtraName: extraName, ExtraText: extraText, Members: members,
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
