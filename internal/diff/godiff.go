package diff

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/exp/apidiff"
	"golang.org/x/tools/go/packages"

	"github.com/oasgo/gen/internal/emit"
)

// GoReport is the comparison of the two generated SDKs' public Go API, by
// golang.org/x/exp/apidiff, set beside the spec-level report.
type GoReport struct {
	// Changes are apidiff's, per package of the SDK.
	Changes []GoChange `json:"changes"`
	// Incompatible counts the incompatible ones.
	Incompatible int `json:"incompatible"`
	// Bump is the SemVer bump the Go API alone implies.
	Bump Bump `json:"bump"`
	// Differences are the places where the two verdicts differ, with why.
	Differences []Difference `json:"differences"`
}

// GoChange is one change apidiff reports.
type GoChange struct {
	Package    string `json:"package"` // "models/shared"
	Message    string `json:"message"` // apidiff's: "Consumer.Metadata: changed from ... to ..."
	Compatible bool   `json:"compatible"`
}

// Difference is a place where the spec-level verdict and the Go API's
// differ.
type Difference struct {
	Subject string `json:"subject"`
	Spec    string `json:"spec"` // "breaking", "not breaking", "not reported"
	Go      string `json:"go"`   // "incompatible", "compatible", "not reported"
	Why     string `json:"why"`
}

// CompareGo compares the public Go API of two generated SDKs (each the
// files of one generation, with its go.mod), and sets the result beside r's
// spec-level changes: r.Go. The SDKs are written into a temporary folder
// and type-checked with the go command (go/packages).
func CompareGo(r *Report, oldFiles, newFiles []emit.File) error {
	tmp, err := os.MkdirTemp("", "gen-diff-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var pkgs [2]map[string]*packages.Package
	for i, files := range [][]emit.File{oldFiles, newFiles} {
		dir := filepath.Join(tmp, []string{"old", "new"}[i])
		for _, f := range files {
			p := filepath.Join(dir, filepath.FromSlash(f.Path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				return err
			}
		}
		loaded, err := packages.Load(&packages.Config{
			Mode: packages.NeedName | packages.NeedTypes,
			Dir:  dir,
			Env:  append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off"),
		}, "./...")
		if err != nil {
			return fmt.Errorf("loading the %s SDK: %v", []string{"old", "new"}[i], err)
		}
		pkgs[i] = map[string]*packages.Package{}
		for _, p := range loaded {
			if len(p.Errors) > 0 {
				return fmt.Errorf("the %s SDK does not type-check: %v", []string{"old", "new"}[i], p.Errors[0])
			}
			pkgs[i][p.PkgPath] = p
		}
	}
	g := &GoReport{}
	module := ""
	for path := range pkgs[1] {
		if module == "" || len(path) < len(module) {
			module = path
		}
	}
	rel := func(path string) string {
		if r := strings.TrimPrefix(strings.TrimPrefix(path, module), "/"); r != "" {
			return r
		}
		return "."
	}
	for _, path := range sortedKeys(pkgs[0]) {
		n, ok := pkgs[1][path]
		if !ok {
			g.Changes = append(g.Changes, GoChange{Package: rel(path), Message: "package removed"})
			continue
		}
		for _, ch := range apidiff.Changes(pkgs[0][path].Types, n.Types).Changes {
			g.Changes = append(g.Changes, GoChange{Package: rel(path), Message: ch.Message, Compatible: ch.Compatible})
		}
	}
	for _, path := range sortedKeys(pkgs[1]) {
		if _, ok := pkgs[0][path]; !ok {
			g.Changes = append(g.Changes, GoChange{Package: rel(path), Message: "package added", Compatible: true})
		}
	}
	sort.SliceStable(g.Changes, func(i, j int) bool {
		a, b := g.Changes[i], g.Changes[j]
		if a.Compatible != b.Compatible {
			return !a.Compatible
		}
		if a.Package != b.Package {
			return a.Package < b.Package
		}
		return a.Message < b.Message
	})
	g.Bump = BumpNone
	for _, c := range g.Changes {
		if !c.Compatible {
			g.Incompatible++
			g.Bump = BumpMajor
		} else if g.Bump == BumpNone {
			g.Bump = BumpMinor
		}
	}
	g.Differences = differences(r, g)
	r.Go = g
	return nil
}

// goObject is the package-qualified Go object an apidiff message is about:
// "shared.Consumer.Metadata" for "Consumer.Metadata: changed from ...",
// "Sessions.SessionsCreate" for "(*Sessions).SessionsCreate: removed" in
// the SDK's root package.
func goObject(c GoChange) string {
	obj, _, _ := strings.Cut(c.Message, ":")
	if strings.HasPrefix(obj, "(") {
		// (*T).M or (T).M
		if i := strings.Index(obj, ")"); i > 0 {
			obj = strings.TrimLeft(obj[1:i], "*") + obj[i+1:]
		}
	}
	pkg := c.Package[strings.LastIndex(c.Package, "/")+1:]
	if c.Package == "." {
		return obj // the root package: services are spelled bare
	}
	return pkg + "." + obj
}

// covers says whether the spec-level change accounts for the Go object: it
// is the object, one of its members, or (for a removed operation) one of
// the operation's request, response and security structs.
func covers(ch Change, obj string) bool {
	for _, s := range ch.goSubjects() {
		if obj == s || strings.HasPrefix(obj, s+".") {
			return true
		}
	}
	return false
}

// goSubjects are the Go objects a change is about.
func (ch Change) goSubjects() []string {
	out := []string{ch.Subject}
	switch ch.Kind {
	case "operation-removed", "operation-renamed", "operation-security":
		_, method, _ := strings.Cut(ch.Subject, ".")
		out = append(out, "operations."+method+"Request", "operations."+method+"Response", "operations."+method+"Security")
	case "service-removed", "service-added":
		out = append(out, strings.TrimPrefix(ch.Subject, "SDK."), "sdk.SDK."+strings.TrimPrefix(ch.Subject, "SDK."))
	case "body-retyped", "result-retyped", "parameter-renamed", "field-renamed", "type-renamed", "enum-value-renamed", "operation-added":
		if i := strings.LastIndex(ch.Subject, "."); i > 0 && (ch.Kind == "body-retyped" || ch.Kind == "result-retyped") {
			old, _, _ := strings.Cut(ch.Old, " ")
			out = append(out, ch.Subject[:i]+"."+old)
		}
		if ch.Kind == "type-renamed" || ch.Kind == "enum-value-renamed" {
			out = append(out, ch.New, ch.Old)
		}
		if ch.Kind == "operation-added" {
			_, method, _ := strings.Cut(ch.Subject, ".")
			out = append(out, "operations."+method+"Request", "operations."+method+"Response", "operations."+method+"Security")
		}
	}
	return out
}

// differences lines the two verdicts up, change by change.
func differences(r *Report, g *GoReport) []Difference {
	var out []Difference
	seen := map[string]bool{}
	for _, gc := range g.Changes {
		if gc.Compatible {
			continue
		}
		obj := goObject(gc)
		var breaking, other *Change
		for i := range r.Changes {
			if covers(r.Changes[i], obj) || covers(r.Changes[i], fieldOfGetter(obj)) {
				if r.Changes[i].Breaking {
					breaking = &r.Changes[i]
					break
				}
				if other == nil {
					other = &r.Changes[i]
				}
			}
		}
		if breaking != nil || seen[obj] {
			continue
		}
		seen[obj] = true
		d := Difference{Subject: obj, Spec: "not reported", Go: "incompatible", Why: goWhy(gc)}
		if other == nil {
			// A change to the whole type (it became incomparable) comes
			// from changes to its fields.
			var fields []string
			for _, ch := range r.Changes {
				if strings.HasPrefix(ch.Subject, obj+".") && !ch.Breaking {
					fields = append(fields, "`"+strings.TrimPrefix(ch.Subject, obj+".")+"`")
				}
			}
			if len(fields) > 0 {
				d.Spec = "not breaking"
				d.Why += " (the spec's change: new or changed " + strings.Join(fields, ", ") + ")"
			}
		} else {
			d.Spec = "not breaking"
			d.Why += " (the spec's change: " + other.Message + ")"
		}
		out = append(out, d)
	}
	for _, ch := range r.Changes {
		if !ch.Breaking {
			continue
		}
		incompatible := false
		for _, gc := range g.Changes {
			if obj := goObject(gc); !gc.Compatible && (covers(ch, obj) || covers(ch, fieldOfGetter(obj))) {
				incompatible = true
				break
			}
		}
		if incompatible {
			continue
		}
		out = append(out, Difference{Subject: ch.Subject, Spec: "breaking", Go: "compatible", Why: runTimeWhy(ch)})
	}
	return out
}

// fieldOfGetter is the field a getter reads ("shared.T.GetName":
// "shared.T.Name"), or obj itself.
func fieldOfGetter(obj string) string {
	i := strings.LastIndex(obj, ".")
	if i < 0 || !strings.HasPrefix(obj[i+1:], "Get") || len(obj) == i+4 {
		return obj
	}
	return obj[:i+1] + obj[i+4:]
}

// goWhy explains a Go-only incompatibility.
func goWhy(c GoChange) string {
	switch {
	case strings.Contains(c.Message, "comparable"):
		return "apidiff: " + c.Message + ": a new slice, map or func field makes the struct incomparable, so code that compares values with == or uses them as map keys no longer compiles, though no field a caller sets changed"
	}
	return "apidiff: " + c.Message + "; the spec's change behind it is not breaking for calls"
}

// runTimeWhy explains a spec-level break the Go API does not show.
func runTimeWhy(ch Change) string {
	switch ch.Kind {
	case "parameter-added", "field-added", "body-added":
		return "a new required value is a compatible Go field addition, but calls that do not set it now fail at run time (the server refuses them)"
	case "parameter-required", "field-required", "body-required":
		return "the Go type did not change, but calls that leave it unset now fail at run time"
	}
	if strings.HasSuffix(ch.Kind, "-retyped") && strings.Contains(ch.Old+ch.New, "[") {
		return "the Go type did change (" + ch.Old + " to " + ch.New + "): apidiff does not compare the type arguments of a generic type, so it misses this one"
	}
	return "the Go declarations compare as compatible, but calls written against the old SDK no longer behave the same: " + ch.Message
}

// markdown writes the Go section of the report.
func (g *GoReport) markdown(b *strings.Builder, r *Report) {
	fmt.Fprintf(b, "\n## Go API (golang.org/x/exp/apidiff)\n\n")
	fmt.Fprintf(b, "%d change(s) to the generated SDK's exported API, %d incompatible: **%s**.\n", len(g.Changes), g.Incompatible, g.Bump)
	var inc []GoChange
	for _, c := range g.Changes {
		if !c.Compatible {
			inc = append(inc, c)
		}
	}
	if len(inc) > 0 {
		b.WriteString("\nIncompatible:\n\n")
		for _, c := range inc {
			fmt.Fprintf(b, "- `%s`: %s\n", c.Package, c.Message)
		}
	}
	if len(g.Differences) == 0 {
		b.WriteString("\nThe spec-level and the Go verdicts agree on every change.\n")
		return
	}
	fmt.Fprintf(b, "\n### Where the verdicts differ (%d)\n\n", len(g.Differences))
	for _, d := range g.Differences {
		fmt.Fprintf(b, "- `%s`: spec %s, Go %s: %s\n", d.Subject, d.Spec, d.Go, d.Why)
	}
}
