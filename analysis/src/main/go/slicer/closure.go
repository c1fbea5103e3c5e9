package main

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
)

// indexPkgUses finds where each import is used: pkg.X names the import itself; under a dot import
// (import . "p") an unqualified name of one of p's package-level objects uses it.
func (s *slicer) indexPkgUses() {
	s.pkgUses = map[*types.PkgName][]token.Pos{}
	for id, obj := range s.info.Uses {
		if pn, ok := obj.(*types.PkgName); ok {
			s.pkgUses[pn] = append(s.pkgUses[pn], id.Pos())
		}
	}
	for _, f := range s.files {
		dots := map[*types.Package]*types.PkgName{}
		for _, spec := range f.Imports {
			if spec.Name != nil && spec.Name.Name == "." {
				if pn, ok := s.info.Defs[spec.Name].(*types.PkgName); ok {
					dots[pn.Imported()] = pn
				}
			}
		}
		if len(dots) == 0 {
			continue
		}
		var visit func(n ast.Node) bool
		visit = func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				ast.Inspect(n.X, visit)
				return false // the selected name is qualified, a field or a method
			case *ast.Ident:
				if obj := s.info.Uses[n]; obj != nil && obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope() {
					if pn := dots[obj.Pkg()]; pn != nil {
						s.pkgUses[pn] = append(s.pkgUses[pn], n.Pos())
					}
				}
			}
			return true
		}
		ast.Inspect(f, visit)
	}
}

// methodValueCandidates are the functions whose body has a selector .name, for one of names, that is
// not called (syntax only: x.M written as a value).
func methodValueCandidates(files map[string]*ast.File, names map[string]bool) []*ast.FuncDecl {
	var out []*ast.FuncDecl
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			called := map[*ast.SelectorExpr]bool{}
			found := false
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.CallExpr:
					if sel, ok := x.Fun.(*ast.SelectorExpr); ok {
						called[sel] = true
					}
				case *ast.SelectorExpr:
					if names[x.Sel.Name] && !called[x] {
						found = true
					}
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

// methodValueReceiver is, when code of the package takes the target method as a method value on
// a receiver of the method's own type (T or *T), that type as Go source; else "".
func (s *slicer) methodValueReceiver(target *ast.FuncDecl) string {
	if target.Recv == nil || isGeneric(target) {
		return ""
	}
	fn, ok := s.info.Defs[target.Name].(*types.Func)
	if !ok {
		return ""
	}
	recvType := ""
	for e, sel := range s.info.Selections {
		if sel.Kind() != types.MethodVal || sel.Obj() != fn || s.calledSelectors()[e] {
			continue
		}
		t := s.info.TypeOf(e.X)
		named := t
		if p, ok := t.(*types.Pointer); ok {
			named = p.Elem()
		}
		n, ok := named.(*types.Named)
		if !ok || n.Obj().Pkg() != s.pkg || n.TypeArgs().Len() > 0 {
			continue
		}
		str := types.TypeString(t, func(*types.Package) string { return "" })
		if recvType == "" || str < recvType {
			recvType = str // deterministic when several sites differ
		}
	}
	return recvType
}

// calledSelectors are the selectors in call position (x.M(...)): a method call, not a method value.
func (s *slicer) calledSelectors() map[*ast.SelectorExpr]bool {
	if s.called != nil {
		return s.called
	}
	s.called = map[*ast.SelectorExpr]bool{}
	for _, f := range s.files {
		ast.Inspect(f, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				if sel, ok := c.Fun.(*ast.SelectorExpr); ok {
					s.called[sel] = true
				}
			}
			return true
		})
	}
	return s.called
}
func (s *slicer) add(obj types.Object) {
	fn, ok := obj.(*types.Func)
	if !ok || fn.Pkg() != s.pkg {
		return
	}
	fn = fn.Origin()
	if d := s.declOf[fn]; d != nil && s.from != nil && s.edges != nil {
		s.edges[s.from] = append(s.edges[s.from], d)
	}
	if d := s.declOf[fn]; d != nil && !s.keep[d] {
		s.keep[d] = true
		s.queue = append(s.queue, d)
	}
}

// closure keeps, to a fixpoint, every function of the package that kept code refers to, and the
// methods of concrete types that kept code may convert to an interface having them.
func (s *slicer) closure() {
	concrete := map[types.Type]bool{}
	ifaces := map[*types.Interface]bool{}
	for len(s.queue) > 0 {
		d := s.queue[len(s.queue)-1]
		s.queue = s.queue[:len(s.queue)-1]
		s.from = d
		ast.Inspect(d, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.Ident:
				if obj := s.info.Uses[x]; obj != nil {
					s.add(obj)
				}
			case *ast.SelectorExpr:
				if sel := s.info.Selections[x]; sel != nil {
					s.add(sel.Obj())
				}
			}
			s.noteExpr(n, concrete, ifaces)
			return true
		})
		s.from = nil // an interface's methods are no call edge: escape analysis sees no static call there
		if len(s.queue) == 0 {
			s.addInterfaceMethods(concrete, ifaces)
		}
	}
}

// noteExpr notes the type of an expression and, for a struct literal, its fields' types: a value
// put in a field of interface type (T{w: framer{}}) is converted to it, yet no expression has that type.
func (s *slicer) noteExpr(n ast.Node, concrete map[types.Type]bool, ifaces map[*types.Interface]bool) {
	e, ok := n.(ast.Expr)
	if !ok {
		return
	}
	tv, ok := s.info.Types[e]
	if !ok || tv.Type == nil {
		return
	}
	s.noteType(tv.Type, concrete, ifaces)
	if _, lit := e.(*ast.CompositeLit); !lit {
		return
	}
	t := tv.Type
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if st, ok := t.Underlying().(*types.Struct); ok {
		for i := 0; i < st.NumFields(); i++ {
			s.noteType(st.Field(i).Type(), concrete, ifaces)
		}
	}
}

// noteType records the package's concrete named types and the non-empty interfaces kept code uses,
// including through signatures (a call's parameters are where many conversions happen).
func (s *slicer) noteType(t types.Type, concrete map[types.Type]bool, ifaces map[*types.Interface]bool) {
	switch u := t.(type) {
	case *types.Signature:
		for i := 0; i < u.Params().Len(); i++ {
			s.noteType(u.Params().At(i).Type(), concrete, ifaces)
		}
		for i := 0; i < u.Results().Len(); i++ {
			s.noteType(u.Results().At(i).Type(), concrete, ifaces)
		}
		return
	case *types.Pointer:
		s.noteType(u.Elem(), concrete, ifaces)
		return
	case *types.Slice:
		s.noteType(u.Elem(), concrete, ifaces)
		return
	case *types.Map:
		s.noteType(u.Key(), concrete, ifaces)
		s.noteType(u.Elem(), concrete, ifaces)
		return
	case *types.Chan:
		s.noteType(u.Elem(), concrete, ifaces)
		return
	case *types.Array:
		s.noteType(u.Elem(), concrete, ifaces)
		return
	}
	if it, ok := t.Underlying().(*types.Interface); ok {
		if it.NumMethods() > 0 {
			ifaces[it] = true
		}
		return
	}
	if n, ok := t.(*types.Named); ok && n.Obj().Pkg() == s.pkg {
		concrete[n] = true
	}
}

func (s *slicer) addInterfaceMethods(concrete map[types.Type]bool, ifaces map[*types.Interface]bool) {
	s.interfaceMethods(concrete, ifaces, s.add)
}

// interfaceMethods calls found with each method of a concrete type (or its pointer) that one of the
// interfaces, which the type implements, names.
func (s *slicer) interfaceMethods(concrete map[types.Type]bool, ifaces map[*types.Interface]bool, found func(types.Object)) {
	for t := range concrete {
		for _, tt := range []types.Type{t, types.NewPointer(t)} {
			for it := range ifaces {
				if !types.Implements(tt, it) {
					continue
				}
				ms := types.NewMethodSet(tt)
				for i := 0; i < it.NumMethods(); i++ {
					if sel := ms.Lookup(s.pkg, it.Method(i).Name()); sel != nil {
						found(sel.Obj())
					} else if sel := ms.Lookup(it.Method(i).Pkg(), it.Method(i).Name()); sel != nil {
						found(sel.Obj())
					}
				}
			}
		}
	}
}

func isGeneric(d *ast.FuncDecl) bool {
	if d.Type.TypeParams != nil && d.Type.TypeParams.NumFields() > 0 {
		return true
	}
	if d.Recv != nil && len(d.Recv.List) > 0 {
		t := d.Recv.List[0].Type
		if st, ok := t.(*ast.StarExpr); ok {
			t = st.X
		}
		switch t.(type) {
		case *ast.IndexExpr, *ast.IndexListExpr:
			return true
		}
	}
	return false
}

// keepGenericCompanions keeps a generic target's instantiation sites (its referrers) and, for a
// method of a generic type, all its sibling methods: they share one dictionary layout.
func (s *slicer) keepGenericCompanions(target *ast.FuncDecl) {
	obj := s.info.Defs[target.Name]
	recv := recvBase(target)
	for fn, d := range s.declOf {
		if recv != "" && recvBase(d) == recv {
			s.add(fn)
		}
		uses := false
		ast.Inspect(d, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if u, ok := s.info.Uses[id].(*types.Func); ok && (u == obj || u.Origin() == obj) {
					uses = true
				}
			}
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if sn := s.info.Selections[sel]; sn != nil {
					if f, ok := sn.Obj().(*types.Func); ok && f.Origin() == obj {
						uses = true
					}
				}
			}
			return !uses
		})
		if uses {
			s.add(fn)
		}
	}
}

func recvBase(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return ""
	}
	t := d.Recv.List[0].Type
	if st, ok := t.(*ast.StarExpr); ok {
		t = st.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func funcName(d *ast.FuncDecl) string {
	if r := recvBase(d); r != "" {
		return r + "." + d.Name.Name
	}
	return d.Name.Name
}

// filePlan is what a file of the slice becomes: byte ranges blanked (newlines stay, so every
// position stays), panic(0) written into functions with results, imports turned blank.

// methodTakers are the functions, members or not, that take one of the members' methods as a method
// value (x.M not called, by the type information: a field of the same name is no method value). The
// compiler makes a wrapper there whose flows join the method's explanations. Bodies the slice did not
// check yet are checked for it (all of them when checked is nil: they already are).
func (s *slicer) methodTakers(req *request, files []*ast.File, checked map[*ast.FuncDecl]bool, members []*ast.FuncDecl) ([]*ast.FuncDecl, error) {
	names := map[string]bool{}
	for _, m := range members {
		if m.Recv != nil && !isGeneric(m) {
			names[m.Name.Name] = true
		}
	}
	if len(names) == 0 {
		return nil, nil
	}
	cands := methodValueCandidates(s.files, names)
	if len(cands) == 0 {
		return nil, nil
	}
	if checked != nil {
		wider := map[*ast.FuncDecl]bool{}
		for d := range checked {
			wider[d] = true
		}
		for _, d := range cands {
			wider[d] = true
		}
		if err := s.check(req, files, wider); err != nil {
			return nil, err
		}
	}
	fns := map[*types.Func]bool{}
	for _, m := range members {
		if fn, ok := s.info.Defs[m.Name].(*types.Func); ok && names[m.Name.Name] {
			fns[fn] = true
		}
	}
	var out []*ast.FuncDecl
	for _, d := range cands {
		called := map[*ast.SelectorExpr]bool{}
		takes := false
		ast.Inspect(d.Body, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CallExpr:
				if sel, ok := unparen(x.Fun).(*ast.SelectorExpr); ok {
					called[sel] = true
				}
			case *ast.SelectorExpr:
				if sel := s.info.Selections[x]; sel != nil && sel.Kind() == types.MethodVal && !called[x] {
					if fn, ok := sel.Obj().(*types.Func); ok && fns[fn.Origin()] {
						takes = true
					}
				}
			}
			return !takes
		})
		if takes {
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos() < out[j].Pos() })
	return out, nil
}
