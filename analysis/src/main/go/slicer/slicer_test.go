package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

const pkgA = `package a

func Target(n int) int {
	return helper(n) + 1
}

func helper(n int) int {
	return n * 2
}

func Unrelated(s []int) int {
	total := 0
	for _, v := range s {
		total += v * v
	}
	return total
}
`

func strp(s string) *string { return &s }

func request1(files map[string]*string, importPath, file string, line int) *request {
	return &request{Files: files, Importcfg: map[string]string{}, ImportPath: importPath, File: file, Line: line}
}

func TestSliceKeepsTheTargetAndWhatItCallsAndBlanksTheRest(t *testing.T) {
	resp := slice(request1(map[string]*string{"a.go": strp(pkgA)}, "example/a", "a.go", 4))
	if !resp.OK {
		t.Fatalf("slice failed: %s", resp.Error)
	}
	if resp.Target != "Target" || resp.Start != 3 || resp.End != 5 {
		t.Errorf("target %q lines %d-%d, want Target 3-5", resp.Target, resp.Start, resp.End)
	}
	kept := strings.Join(resp.Kept, ",")
	if !strings.Contains(kept, "helper") {
		t.Errorf("kept %v: the callee of the target must stay (its inlining is the target's decision)", resp.Kept)
	}
	blanked := false
	for _, b := range resp.Blanks["a.go"] {
		if strings.Contains(pkgA[b[0]:b[1]], "total += v * v") {
			blanked = true
		}
		if b[0] < strings.Index(pkgA, "func helper") && b[1] > strings.Index(pkgA, "func Target") {
			t.Errorf("blank %v overlaps the target", b)
		}
	}
	if !blanked {
		t.Errorf("Unrelated's body is not blanked: %v", resp.Blanks)
	}
}

func TestNoFunctionAtTheLineIsAnError(t *testing.T) {
	resp := slice(request1(map[string]*string{"a.go": strp(pkgA)}, "example/a2", "a.go", 1))
	if resp.OK || !strings.Contains(resp.Error, "no function at a.go:1") {
		t.Errorf("got %+v", resp)
	}
}

func TestAFileSentAsNullThatIsUnknownAsksForEverything(t *testing.T) {
	resp := slice(request1(map[string]*string{"a.go": nil}, "example/never-sent", "a.go", 4))
	if !resp.Resend {
		t.Errorf("got %+v, want resend", resp)
	}
}

func TestAKnownFileMayBeSentAsNull(t *testing.T) {
	first := slice(request1(map[string]*string{"a.go": strp(pkgA)}, "example/a3", "a.go", 4))
	again := slice(request1(map[string]*string{"a.go": nil}, "example/a3", "a.go", 4))
	if !first.OK || !again.OK || again.Target != "Target" {
		t.Errorf("first %+v, again %+v", first, again)
	}
}

func TestServeAnswersEveryLineEvenABadOne(t *testing.T) {
	good, _ := json.Marshal(request1(map[string]*string{"a.go": strp(pkgA)}, "example/a4", "a.go", 4))
	var out bytes.Buffer
	serve(strings.NewReader("{not json\n"+string(good)+"\n"), &out)
	dec := json.NewDecoder(&out)
	var bad, ok response
	if err := dec.Decode(&bad); err != nil || !strings.HasPrefix(bad.Error, "bad request: ") {
		t.Errorf("first answer %+v, %v", bad, err)
	}
	if err := dec.Decode(&ok); err != nil || !ok.OK {
		t.Errorf("second answer %+v, %v", ok, err)
	}
}

const pkgB = `package b

func Edited(n int) int {
	if n == 0 {
		return 0
	}
	return other(n - 1)
}

func other(n int) int { return Edited(n) + leaf(n) }

func leaf(n int) int { return n }

func Inliner(n int) int { return Edited(n) }

func Unrelated(n int) int { return leaf(n) }
`

func TestMembersAreTheTargetsAndTheKeptFunctionsThatCallThem(t *testing.T) {
	req := request1(map[string]*string{"b.go": strp(pkgB)}, "example/b", "b.go", 4)
	req.Also, req.Closure = []place{{File: "b.go", Line: 14}}, true
	resp := slice(req)
	if !resp.OK {
		t.Fatalf("slice failed: %s", resp.Error)
	}
	var names []string
	for _, m := range resp.Members {
		names = append(names, m.Name)
	}
	// other calls Edited back (one cycle for escape analysis); leaf is only called; Unrelated is not kept.
	if got := strings.Join(names, ","); got != "Edited,Inliner,other" {
		t.Errorf("members %s, want Edited,Inliner,other", got)
	}
	if m := resp.Members[0]; m.File != "b.go" || m.Start != 3 || m.End != 8 {
		t.Errorf("first member %+v, want b.go lines 3-8", m)
	}
}

func TestCallersAreMembersWhenAsked(t *testing.T) {
	s := membersWithCallers(t, "b.go", pkgB, "example/b", 12)
	// leaf is named by other and Unrelated; other calls Edited, which calls other back: a cycle through a caller.
	if s != "leaf=target,other=caller,Unrelated=caller,Edited=cycle" {
		t.Errorf("members %s", s)
	}
}

const pkgC = `package c

type scanner struct{ step func(*scanner, byte) int }

func Edited(s *scanner, c byte) int {
	if c == ' ' {
		s.step = stateSpace
		return 0
	}
	return helper(s, c)
}

func stateSpace(s *scanner, c byte) int { return Edited(s, c) }

func helper(s *scanner, c byte) int {
	if c == 0 {
		return (Edited)(s, c-1)
	}
	return int(c)
}
`

func TestCallsInCycleAreTheCyclesDirectCallsNotItsFunctionValues(t *testing.T) {
	req := request1(map[string]*string{"c.go": strp(pkgC)}, "example/c", "c.go", 6)
	req.Closure = true
	resp := slice(req)
	if !resp.OK {
		t.Fatalf("slice failed: %s", resp.Error)
	}
	calls := map[string][]string{}
	for _, m := range resp.Members {
		for _, i := range m.CallsInCycle {
			calls[m.Name] = append(calls[m.Name], resp.Members[i].Name)
		}
	}
	for _, m := range resp.Members {
		if m.CycleID != 1 {
			t.Errorf("%s is in cycle %d, want 1 (the one Edited opens)", m.Name, m.CycleID)
		}
	}
	// Edited names stateSpace only as a value, and calls helper; both call Edited back (one in parentheses).
	want := map[string][]string{"Edited": {"helper"}, "stateSpace": {"Edited"}, "helper": {"Edited"}}
	if fmt.Sprint(calls) != fmt.Sprint(want) {
		t.Errorf("calls in the cycle %v, want %v", calls, want)
	}
}

const pkgD = `package d

type obj struct{ typ int }

type C struct{ n int }

func (c *C) typ() int {
	if c.n > 0 {
		return helper(c)
	}
	return 0
}

func helper(c *C) int {
	c.n--
	return c.typ()
}

func fieldUser(o *obj) int { return o.typ }

func taker(c *C) func() int { return c.typ }
`

func TestTakersAreMethodValuesByTheTypesNotFieldsOfTheSameName(t *testing.T) {
	req := request1(map[string]*string{"d.go": strp(pkgD)}, "example/d", "d.go", 15)
	req.Closure = true
	resp := slice(req)
	if !resp.OK {
		t.Fatalf("slice failed: %s", resp.Error)
	}
	if resp.TakersError != "" || len(resp.Takers) != 1 || resp.Takers[0].Line != 21 {
		t.Errorf("takers %+v (%s), want taker at line 21 alone (o.typ is a field)", resp.Takers, resp.TakersError)
	}
}

const pkgMV = `package d

type floatEncoder int

func (bits floatEncoder) encode(b []byte, v float64) []byte {
	return append(b, byte(v))
}

var (
	float32Encoder = (floatEncoder(32)).encode
	table          = map[int]func([]byte, float64) []byte{1: floatEncoder(64).encode}
)

func use(b []byte) []byte { return floatEncoder(8).encode(b, 1) }
`

func TestAPackageLevelDeclarationThatTakesATargetAsAValueKeepsItsCallers(t *testing.T) {
	if s := membersWithCallers(t, "d.go", pkgMV, "example/d", 6); s != "floatEncoder.encode=target,use=caller" {
		t.Errorf("members %s", s)
	}
}

func TestAPackageLevelDeclarationThatCallsATargetRefuses(t *testing.T) {
	for _, decl := range []string{
		"var first = (floatEncoder(1)).encode(nil, 1)",
		"var lit = func() []byte { return floatEncoder(2).encode(nil, 2) }",
	} {
		src := pkgMV + decl + "\n"
		req := request1(map[string]*string{"d.go": strp(src)}, "example/d-"+decl[4:7], "d.go", 6)
		req.Closure, req.Callers = true, true
		resp := slice(req)
		if resp.OK || !strings.Contains(resp.Error, "a package-level declaration names floatEncoder.encode") {
			t.Errorf("%s: got %+v", decl, resp)
		}
	}
}

// membersWithCallers slices the function at line of a one-file package, its callers asked for too,
// and lists the members as name=role.
func membersWithCallers(t *testing.T, file, src, importPath string, line int) string {
	t.Helper()
	req := request1(map[string]*string{file: strp(src)}, importPath, file, line)
	req.Closure, req.Callers = true, true
	resp := slice(req)
	if !resp.OK {
		t.Fatalf("slice failed: %s", resp.Error)
	}
	var got []string
	for _, m := range resp.Members {
		got = append(got, m.Name+"="+m.Role)
	}
	return strings.Join(got, ",")
}
