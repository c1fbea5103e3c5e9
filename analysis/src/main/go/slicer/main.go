// Command optlens-slicer keeps a Go package's edited function and what its decisions depend on,
// and blanks every other function body, keeping every byte position. optlens compiles the slice
// to get that function's decisions in a fraction of the package's compile time.
//
// Protocol: one JSON request per line on stdin, one JSON response per line on stdout.
// Standard library only; built by optlens with the user's own toolchain.
package main

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"time"
)

type request struct {
	Files      map[string]*string `json:"files"`     // file name -> content (null: as in the last request), every file of the package
	Importcfg  map[string]string  `json:"importcfg"` // import path -> export data file
	ImportPath string             `json:"importPath"`
	GoVersion  string             `json:"goVersion"` // "1.21", may be empty
	File       string             `json:"file"`      // the target's file name
	Line       int                `json:"line"`      // a 1-based line inside the target function
	// More functions whose decisions the slice must give in full (each by a 1-based line inside it):
	// for an edit's closure, the functions that inline the edited one.
	Also    []place `json:"also,omitempty"`
	Closure bool    `json:"closure,omitempty"` // answer with the members
	// With Closure: every function that names a target (its callers) is a member too, given in full.
	Callers bool `json:"callers,omitempty"`
}

type place struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// member is a function whose decisions the slice gives in full: a target, or a function of the
// package that calls a target, directly or not, among the kept ones (escape analysis looks at a
// cycle of calls as one whole, so the target's body is in their explanations).
type member struct {
	File  string `json:"file"`
	Name  string `json:"name"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Role  string `json:"role"` // "target", "caller" (names a target) or "cycle" (calls back into one)
	// How many other functions are in one cycle of calls with it (the compiler weighs a cycle's
	// functions in an order the whole package decides).
	Cycle int `json:"cycle,omitempty"`
	// The members (their indexes in Members) of its own cycle that its declaration calls directly:
	// the order the compiler weighs a cycle in counts only where one of those inlines.
	CallsInCycle []int `json:"callsInCycle,omitempty"`
	// Which cycle it is in: 1 + the index of the cycle's first member (0: in none).
	CycleID int `json:"cycleId,omitempty"`
}

type response struct {
	OK     bool     `json:"ok"`
	Error  string   `json:"error,omitempty"`
	Target string   `json:"target,omitempty"`
	Start  int      `json:"start,omitempty"` // the target declaration's first and last line
	End    int      `json:"end,omitempty"`
	Kept   []string `json:"kept,omitempty"`
	// With Closure: every member (the target first), one of whose decisions may depend on the target's body.
	Members []member `json:"members,omitempty"`
	// With Closure: the functions that take a member method as a method value (by the type
	// information), members or not; or why they could not be found.
	Takers      []place `json:"takers,omitempty"`
	TakersError string  `json:"takersError,omitempty"`
	// An extra file for the slice (name and text): it takes the target method as a method value, as
	// code blanked from the slice does, so the compiler makes the same wrapper (whose escape
	// analysis adds to the method's explanations).
	ExtraName string `json:"extraName,omitempty"`
	ExtraText string `json:"extraText,omitempty"`
	Resend    bool   `json:"resend,omitempty"` // a file sent as null is not known: send every content
	// The slice, as edits of each file's UTF-8 bytes: ranges [from, to) to blank (newlines stay) with
	// where panic(0) goes (-1: nowhere), and [offset, length] stretches that become "_" and spaces.
	Blanks  map[string][][3]int `json:"blanks,omitempty"`
	Renames map[string][][2]int `json:"renames,omitempty"`
	Micros  map[string]int64    `json:"micros,omitempty"` // time spent: parse, check (type-checks to a closure), slice; rounds of checks
}

func main() {
	serve(os.Stdin, os.Stdout)
}

// serve answers each request line of in with one response line on out, until in ends.
func serve(r io.Reader, w io.Writer) {
	in := bufio.NewScanner(r)
	in.Buffer(make([]byte, 1<<20), 1<<30)
	out := json.NewEncoder(w)
	for in.Scan() {
		t0 := time.Now()
		var req request
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			out.Encode(response{Error: "bad request: " + err.Error()})
			continue
		}
		decoded := time.Since(t0)
		resp := slice(&req)
		if resp.Micros != nil {
			resp.Micros["decode"] = decoded.Microseconds()
		}
		out.Encode(resp)
	}
}
