package main

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

type filePlan struct {
	f            *ast.File
	b            []byte
	base         int
	bodies       []blankRange // in source order
	blankImports []*ast.ImportSpec
	unresolved   bool // an import only blanked code uses has no byte for "_", and no body using it is known
	needBodies   []*ast.FuncDecl
}

// blankRange is a function body to blank, with where panic(0) goes (-1: nowhere); or, when whole,
// the function's entire declaration. body* keep the body's own range and stub.
type blankRange struct {
	from, to, stubAt           int
	decl                       *ast.FuncDecl
	whole                      bool
	bodyFrom, bodyTo, bodyStub int
}

func (r *blankRange) toStub() {
	r.from, r.to, r.stubAt, r.whole = r.bodyFrom, r.bodyTo, r.bodyStub, false
}

// plan blanks the bodies of functions not kept and writes panic(0) into functions with results
// (bodies too short for it are kept), then decides the imports (see resolveImports).
func (s *slicer) plan(f *ast.File, src string) *filePlan {
	p := &filePlan{f: f, b: []byte(src), base: s.fset.File(f.Pos()).Base()}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil || s.keep[fd] {
			continue
		}
		from := int(fd.Body.Lbrace) - p.base + 1
		to := int(fd.Body.Rbrace) - p.base
		at := -1
		if fd.Type.Results != nil && fd.Type.Results.NumFields() > 0 {
			if at = stretch(p.b, from, to, len("panic(0)")+2); at < 0 {
				continue // too short to stub: keep it as it is
			}
		}
		p.bodies = append(p.bodies, blankRange{from: from, to: to, stubAt: at, decl: fd, bodyFrom: from, bodyTo: to, bodyStub: at})
	}
	p.resolveImports(s, nil)
	return p
}

// blankedAt is the index of the blanked range holding a file offset, or -1.
func (p *filePlan) blankedAt(off int) int {
	i := sort.Search(len(p.bodies), func(i int) bool { return p.bodies[i].to > off })
	if i < len(p.bodies) && p.bodies[i].from <= off {
		return i
	}
	return -1
}

// resolveImports turns an import that only blanked code uses into a blank import. Where there is
// no byte to spare for the "_" (import "fmt" on one line), the first blanked range using it is given
// back: a stub's body is kept, or (with pin non-nil) a whole declaration becomes a stub again and
// is pinned. It reports whether it gave a range back.
func (p *filePlan) resolveImports(s *slicer, pin map[*ast.FuncDecl]bool) (gaveBack bool) {
	for changed := true; changed; {
		changed = false
		p.blankImports, p.unresolved, p.needBodies = p.blankImports[:0], false, nil
		for _, spec := range p.f.Imports {
			if spec.Name != nil && spec.Name.Name == "_" {
				continue
			}
			pn := s.pkgNameOf(p.f, spec)
			if pn == nil {
				continue
			}
			usedOutside, first := false, -1
			for _, at := range s.pkgUses[pn] {
				if i := p.blankedAt(int(at) - p.base); i < 0 {
					usedOutside = true
				} else if first < 0 || i < first {
					first = i
				}
			}
			if usedOutside {
				continue
			}
			switch {
			case spec.Name != nil || spaceBefore(p.b, int(spec.Path.Pos())-p.base):
				p.blankImports = append(p.blankImports, spec)
			case first >= 0 && p.bodies[first].whole && pin != nil:
				pin[p.bodies[first].decl] = true
				p.bodies[first].toStub()
				changed, gaveBack = true, true
			case first >= 0:
				p.bodies = append(p.bodies[:first], p.bodies[first+1:]...)
				changed, gaveBack = true, true
			default:
				// The bodies using it were not type-checked: find one by its syntax, to check and keep.
				p.unresolved = true
				if d := bodyNaming(p.bodies, pn.Name()); d != nil {
					p.needBodies = append(p.needBodies, d)
				}
			}
			if changed {
				break
			}
		}
	}
	return gaveBack
}

// bodyNaming finds the first blanked body with a selector on the name (pkg.X): syntax only.
func bodyNaming(bodies []blankRange, name string) *ast.FuncDecl {
	for _, r := range bodies {
		var found bool
		ast.Inspect(r.decl.Body, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == name {
					found = true
				}
			}
			return !found
		})
		if found {
			return r.decl
		}
	}
	return nil
}

// dropUnreferenced blanks whole declarations of functions and methods that nothing left in the
// slice refers to: their stubs would only cost the compiler a function each (in net/http, most of
// 1,500). A method stays while code left in the slice may convert its type to an interface having
// it. A declaration with a compiler directive before it stays (the directive would attach to the
// next one), and so does one whose signature holds the last use of an import with no byte for "_".
func (s *slicer) dropUnreferenced(plans map[string]*filePlan) {
	pinned := map[*ast.FuncDecl]bool{}
	for {
		s.markUnreferenced(plans, pinned)
		again := false
		for _, p := range plans {
			if p.resolveImports(s, pinned) {
				again = true
			}
		}
		if !again {
			return
		}
	}
}

func (s *slicer) markUnreferenced(plans map[string]*filePlan, pinned map[*ast.FuncDecl]bool) {
	type span struct{ from, to token.Pos }
	var blanked []span
	candidates := map[*types.Func]*blankRange{}
	blankedDecl := map[*ast.FuncDecl]bool{}
	for _, p := range plans {
		for i := range p.bodies {
			r := &p.bodies[i]
			r.toStub()
			blanked = append(blanked, span{token.Pos(p.base + r.from), token.Pos(p.base + r.to)})
			fd := r.decl
			blankedDecl[fd] = true
			if pinned[fd] || isGeneric(fd) || fd.Name.Name == "init" || fd.Name.Name == "main" || fd.Name.Name == "_" ||
				directiveBefore(p.f, fd) {
				continue
			}
			if fn, ok := s.info.Defs[fd.Name].(*types.Func); ok {
				candidates[fn] = r
			}
		}
	}
	sort.Slice(blanked, func(i, j int) bool { return blanked[i].from < blanked[j].from })
	inBlanked := func(pos token.Pos) bool {
		i := sort.Search(len(blanked), func(i int) bool { return blanked[i].to > pos })
		return i < len(blanked) && blanked[i].from <= pos
	}
	for id, obj := range s.info.Uses {
		if fn, ok := obj.(*types.Func); ok {
			if _, ok := candidates[fn]; ok && !inBlanked(id.Pos()) {
				delete(candidates, fn) // referred to by kept code or a package-level declaration
			}
		}
	}
	// Methods that code left in the slice, other than kept functions (whose needs the closure kept),
	// may need for an interface: package-level declarations and bodies too short to stub.
	concrete, ifaces := map[types.Type]bool{}, map[*types.Interface]bool{}
	for _, f := range s.files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && (s.keep[fd] || blankedDecl[fd]) {
				continue
			}
			ast.Inspect(d, func(n ast.Node) bool {
				s.noteExpr(n, concrete, ifaces)
				return true
			})
		}
	}
	s.interfaceMethods(concrete, ifaces, func(obj types.Object) {
		if fn, ok := obj.(*types.Func); ok {
			delete(candidates, fn.Origin())
		}
	})
	for _, p := range plans {
		for i := range p.bodies {
			r := &p.bodies[i]
			if fn, ok := s.info.Defs[r.decl.Name].(*types.Func); ok && candidates[fn] == r {
				r.from, r.to, r.stubAt, r.whole = int(r.decl.Pos())-p.base, int(r.decl.End())-p.base, -1, true
			}
		}
	}
}

// directiveBefore says whether a //go: directive precedes the declaration (after the previous one).
func directiveBefore(f *ast.File, fd *ast.FuncDecl) bool {
	prev := f.Name.End()
	for _, d := range f.Decls {
		if d.End() <= fd.Pos() && d.End() > prev {
			prev = d.End()
		}
	}
	for _, cg := range f.Comments {
		if cg.Pos() < prev || cg.Pos() >= fd.Pos() {
			continue
		}
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "//go:") || strings.HasPrefix(c.Text, "//export ") || strings.HasPrefix(c.Text, "//line ") {
				return true
			}
		}
	}
	return false
}

// edits returns the plan as byte-offset edits (see response).
func (p *filePlan) edits() ([][3]int, [][2]int) {
	var blanks [][3]int
	for _, r := range p.bodies {
		blanks = append(blanks, [3]int{r.from, r.to, r.stubAt})
	}
	var renames [][2]int
	for _, spec := range p.blankImports {
		if spec.Name != nil {
			// f "fmt" or . "fmt" -> _ "fmt", padded: the name's bytes become "_" and spaces.
			renames = append(renames, [2]int{int(spec.Name.Pos()) - p.base, len(spec.Name.Name)})
		} else {
			// \t"fmt" -> _"fmt": the whitespace before the path becomes the blank name.
			renames = append(renames, [2]int{int(spec.Path.Pos()) - p.base - 1, 1})
		}
	}
	return blanks, renames
}

// spaceBefore says whether the byte before a path is whitespace that can become "_": it must not
// follow a letter (import "fmt" would become import_"fmt").
func spaceBefore(b []byte, off int) bool {
	if off < 2 || (b[off-1] != ' ' && b[off-1] != '\t') {
		return false
	}
	c := b[off-2]
	return c == ' ' || c == '\t' || c == '\n' || c == '(' || c == ';'
}

// stretch finds, inside b[from:to], a run of n bytes without a newline; -1 when there is none.
func stretch(b []byte, from, to, n int) int {
	run := 0
	for i := from; i < to; i++ {
		if b[i] == '\n' || b[i] == '\r' {
			run = 0
			continue
		}
		run++
		if run >= n {
			return i - n + 1
		}
	}
	return -1
}

// pkgNameOf finds the PkgName an import declares in this file.
func (s *slicer) pkgNameOf(f *ast.File, spec *ast.ImportSpec) *types.PkgName {
	if spec.Name != nil {
		pn, _ := s.info.Defs[spec.Name].(*types.PkgName)
		return pn
	}
	if pn, ok := s.info.Implicits[spec].(*types.PkgName); ok {
		return pn
	}
	return nil
}
