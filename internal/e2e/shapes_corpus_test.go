package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgo/gen/internal/gen"
	"github.com/oasgo/gen/testkit/specserver"
)

// The shapes corpus: testdata/shapes holds one small spec per shape class
// (enums, names, objects, unions, parameter styles, servers, responses,
// security). TestShapesCorpus holds every one of them to the contract of
// TestDocSnippets: every Go program of the generated pages compiles, runs,
// sends exactly one request that the spec accepts and decodes the answer, and
// every operation's own snippet keeps its contract. Operations may also fix
// the exact wire text their example call must produce, from the table of
// https://spec.openapis.org/oas/v3.0.3#style-examples:
//
//	x-expect-origin: 'https://eu.api.example.com' # scheme and host addressed
//	x-expect-path: '/v1/users/.3,4,5'        # raw path, byte for byte
//	x-expect-query: 'color=blue&color=black' # raw query; parameters (and
//	                                          # object properties) may come in
//	                                          # any order, repeated keys not
//	x-expect-header: {X-Ids: '3,4,5'}        # one header line each
//	x-expect-cookie: {ids: '3,4,5'}          # raw cookie values
//	x-expect-body: {points: [null, 3]}       # the JSON body, as a value
//
// Cost is kept down by building once: every SDK is a package tree of one
// module "shapes" (shapes/<spec>), every snippet of every spec a function of
// one main package, one binary; then each spec gets its own specserver and
// its snippets run two at a time.

// shapeSpec is one spec of the corpus and everything learnt about it.
type shapeSpec struct {
	name, path string
	idx        int

	res      *gen.Result
	genErr   error
	snippets []string
	pages    map[string][]string
	expects  map[string]wireExpect // by operationId

	sdkErrs  []string         // compile errors of the SDK's packages
	snipErrs map[int][]string // compile errors per snippet
	vetErrs  []string
	srvErr   error
	runs     map[int]snippetRun
	byTag    map[string][]specserver.Record

	failures                           []shapeFailure
	ops, okOps, passed, wires, okWires int
}

// shapeFailure is one row of the failure table.
type shapeFailure struct {
	where, kind, detail string
}

// wireExpect is what an operation's example call must put on the wire.
type wireExpect struct {
	origin, path, query string
	header, cookie      map[string]string
	hasPath, hasQ       bool
	body                any // JSON value; nil when not given
}

func (w wireExpect) empty() bool {
	return w.body == nil && w.origin == "" && !w.hasPath && !w.hasQ && len(w.header) == 0 && len(w.cookie) == 0
}

func (s *shapeSpec) fail(where, kind, detail string) {
	s.failures = append(s.failures, shapeFailure{where, kind, strings.TrimSpace(detail)})
}

func (s *shapeSpec) fn(i int) string { return fmt.Sprintf("s%02d_%03d", s.idx, i) }

func TestShapesCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the SDKs of the shapes corpus")
	}
	start := time.Now()
	root := repoRoot(t)
	paths, err := filepath.Glob(filepath.Join(root, "internal", "e2e", "testdata", "shapes", "*.yml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no specs in testdata/shapes (%v)", err)
	}
	sort.Strings(paths)
	if only := os.Getenv("GEN_SHAPES_ONLY"); only != "" {
		// A substring of the spec names to run, while working on one shape.
		var some []string
		for _, p := range paths {
			if strings.Contains(filepath.Base(p), only) {
				some = append(some, p)
			}
		}
		paths = some
	}
	specs := make([]*shapeSpec, len(paths))
	byName := map[string]*shapeSpec{}
	for i, p := range paths {
		specs[i] = &shapeSpec{name: strings.TrimSuffix(filepath.Base(p), ".yml"), path: p, idx: i, snipErrs: map[int][]string{}}
		byName[specs[i].name] = specs[i]
	}

	// Generate, two at a time.
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, s := range specs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			s.res, s.genErr = gen.Generate(gen.Config{Spec: s.path, Module: "shapes/" + s.name, Package: "sdk"})
			if s.genErr != nil {
				s.fail("generate", "generate", s.genErr.Error())
				return
			}
			s.snippets, s.pages, _ = pageSnippets(s.res.Files)
			var err error
			if s.expects, err = wireExpectations(s.path); err != nil {
				s.fail("x-expect-*", "harness", err.Error())
			}
		}()
	}
	wg.Wait()
	tGen := time.Since(start)

	// One module: shapes/<spec>/... are the SDKs, cmd/snippets the programs.
	files := map[string]string{}
	fileOf := map[string][2]int{} // cmd/snippets/<fn>.go -> spec, snippet
	for _, s := range specs {
		if s.res == nil {
			continue
		}
		for _, f := range s.res.Files {
			if f.Path == "go.mod" || f.Path == "go.sum" {
				continue // a package tree of module shapes, not a module
			}
			files[s.name+"/"+f.Path] = string(f.Data)
		}
		for i, src := range s.snippets {
			name := "cmd/snippets/" + s.fn(i) + ".go"
			files[name] = mainRE.ReplaceAllString(src, "func "+s.fn(i)+"() {")
			fileOf[name] = [2]int{s.idx, i}
		}
	}
	dir := goModule(t, "shapes", files, map[string]string{thisModule: root})

	// Build until it compiles: a spec whose SDK fails leaves the build with
	// all its snippets, a snippet that fails leaves alone. -e: every error.
	sdkOK := func(s *shapeSpec) bool { return s.res != nil && len(s.sdkErrs) == 0 }
	for round := 1; ; round++ {
		if err := writeShapesRunner(dir, specs, sdkOK); err != nil {
			t.Fatal(err)
		}
		patterns := []string{"./cmd/snippets"}
		for _, s := range specs {
			if sdkOK(s) {
				patterns = append(patterns, "./"+s.name+"/...")
			}
		}
		out, err := goCommand(t, dir, append([]string{"build", "-gcflags=-e"}, patterns...)...)
		if err == nil {
			break
		}
		progress, stray := attributeGoErrors(out, byName, fileOf, specs, false)
		if progress == 0 || round >= 8 {
			t.Fatalf("go build fails and no spec or snippet is to blame (round %d):\n%s\nunattributed:\n%s", round, out, strings.Join(stray, "\n"))
		}
	}
	bin := filepath.Join(dir, "snippets.bin")
	goRun(t, dir, "build", "-o", bin, "./cmd/snippets")
	tBuild := time.Since(start)

	// go vet the whole module once (broken SDKs are already reported).
	if out, err := goCommand(t, dir, "vet", "./..."); err != nil {
		_, stray := attributeGoErrors(out, byName, fileOf, specs, true)
		for _, l := range stray {
			t.Logf("go vet (unattributed): %s", l)
		}
	}
	tVet := time.Since(start)

	// Run: one specserver per spec, its snippets two at a time.
	for _, s := range specs {
		if !sdkOK(s) {
			continue
		}
		var idx []int
		for i := range s.snippets {
			if len(s.snipErrs[i]) == 0 {
				idx = append(idx, i)
			}
		}
		srv, err := specserver.New(s.path)
		if err != nil {
			s.srvErr = err
			s.fail("specserver", "harness", err.Error())
			continue
		}
		s.runs = runSnippets(bin, []string{s.name}, srv.URL(), idx)
		srv.Close()
		s.byTag = recordsByTag(srv.Requests())
	}
	tRun := time.Since(start)

	for _, s := range specs {
		judgeShapeSpec(s)
	}
	logShapesReport(t, specs)
	t.Logf("runtime: %.1fs (generate %.1fs, build %.1fs, vet %.1fs, run %.1fs)", time.Since(start).Seconds(),
		tGen.Seconds(), (tBuild - tGen).Seconds(), (tVet - tBuild).Seconds(), (tRun - tVet).Seconds())
	for _, s := range specs {
		t.Run(s.name, func(t *testing.T) {
			for _, f := range s.failures {
				t.Errorf("%s [%s]: %s", f.where, f.kind, f.detail)
			}
		})
	}
}

// writeShapesRunner writes the main of cmd/snippets: `snippets.bin <spec>
// <index>` runs one snippet with http.DefaultTransport pointed at
// $SPECSERVER_URL. Snippets that do not compile (or whose SDK does not) have
// their files removed and a nil in the table.
func writeShapesRunner(dir string, specs []*shapeSpec, sdkOK func(*shapeSpec) bool) error {
	var table strings.Builder
	for _, s := range specs {
		if s.res == nil {
			continue
		}
		fmt.Fprintf(&table, "\t%q: {", s.name)
		for i := range s.snippets {
			file := filepath.Join(dir, "cmd", "snippets", s.fn(i)+".go")
			if sdkOK(s) && len(s.snipErrs[i]) == 0 {
				fmt.Fprintf(&table, "%s, ", s.fn(i))
				continue
			}
			table.WriteString("nil, ")
			if err := os.Remove(file); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
		table.WriteString("},\n")
	}
	src := `package main

import (
	"net/http"
	"os"
	"strconv"

	"github.com/oasgo/gen/testkit/specserver"
)

var snippets = map[string][]func(){
` + table.String() + `}

func main() {
	i, err := strconv.Atoi(os.Args[2])
	if err != nil {
		panic(err)
	}
	http.DefaultTransport = specserver.RedirectTransport(os.Getenv("SPECSERVER_URL"), os.Args[2])
	snippets[os.Args[1]][i]()
}
`
	return os.WriteFile(filepath.Join(dir, "cmd", "snippets", "run.go"), []byte(src), 0o644)
}

var goErrRE = regexp.MustCompile(`^(?:vet: )?(?:\./)?([^\s:]+\.go):(\d+):(\d+): (.*)$`)

// attributeGoErrors files each `file.go:line:col: msg` line of go build (or
// vet) output under the SDK or snippet it belongs to, and returns how many
// specs or snippets it newly found broken and the lines it could not place.
func attributeGoErrors(out string, byName map[string]*shapeSpec, fileOf map[string][2]int, specs []*shapeSpec, vet bool) (progress int, stray []string) {
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := goErrRE.FindStringSubmatch(line)
		if m == nil {
			stray = append(stray, line)
			continue
		}
		file := filepath.ToSlash(m[1])
		msg := file + ":" + m[2] + ":" + m[3] + ": " + m[4]
		if at, ok := fileOf[file]; ok {
			s := specs[at[0]]
			if vet {
				if len(s.snipErrs[at[1]]) == 0 && len(s.sdkErrs) == 0 {
					s.vetErrs = append(s.vetErrs, msg)
				}
				continue
			}
			if len(s.snipErrs[at[1]]) == 0 {
				progress++
			}
			s.snipErrs[at[1]] = append(s.snipErrs[at[1]], msg)
			continue
		}
		first, _, _ := strings.Cut(file, "/")
		s, ok := byName[first]
		if !ok {
			stray = append(stray, line)
			continue
		}
		if vet {
			if len(s.sdkErrs) == 0 {
				s.vetErrs = append(s.vetErrs, msg)
			}
			continue
		}
		if len(s.sdkErrs) == 0 {
			progress++
		}
		s.sdkErrs = append(s.sdkErrs, msg)
	}
	return progress, stray
}

// judgeShapeSpec turns what happened to a spec into counts and failures.
func judgeShapeSpec(s *shapeSpec) {
	if s.res == nil {
		return
	}
	for _, e := range s.sdkErrs {
		s.fail("SDK", "sdk compile", e)
	}
	for _, e := range s.vetErrs {
		s.fail("go vet", "vet", e)
	}
	ok := make([]bool, len(s.snippets))
	problems := make([]string, len(s.snippets))
	for i, src := range s.snippets {
		where := snippetCall(src) + " (" + strings.Join(s.pages[src], ", ") + ")"
		switch {
		case len(s.sdkErrs) > 0:
			problems[i] = "the SDK does not compile"
			continue // reported once, above
		case len(s.snipErrs[i]) > 0:
			problems[i] = "does not compile: " + strings.Join(s.snipErrs[i], "; ")
			s.fail(where, "snippet compile", strings.Join(s.snipErrs[i], "\n"))
			continue
		case s.srvErr != nil:
			problems[i] = "no specserver"
			continue
		}
		run, ran := s.runs[i]
		if !ran {
			problems[i] = "not run"
			s.fail(where, "harness", "not run")
			continue
		}
		recs := s.byTag[strconv.Itoa(i)]
		if p := snippetProblem(run, recs); p != "" {
			kind := "run"
			switch {
			case len(recs) == 1 && !recs[0].Valid:
				// What the spec refused matters more than how the program died.
				kind, p = "invalid request", recs[0].Method+" "+recs[0].RawPath+queryPart(recs[0].Query)+": "+briefValidation(recs[0].Error)
			case len(recs) == 1 && recs[0].ResponseError != "":
				kind = "spec answer"
			case run.err != nil:
				p = "exited with " + run.err.Error() + ": " + logTimeRE.ReplaceAllString(strings.TrimSpace(run.out), "")
			default:
				kind = "request count"
			}
			problems[i] = p
			s.fail(where, kind, p)
			continue
		}
		ok[i] = true
		s.passed++
	}
	for _, c := range operationContracts(s.res.API, s.snippets, ok) {
		s.ops++
		where := c.svc.GoName + "." + c.op.GoName
		if c.ok {
			s.okOps++
		} else if len(c.snippets) == 0 {
			s.fail(where, "contract", "no snippet calls the operation")
		} else if len(s.sdkErrs) == 0 {
			s.fail(where, "contract", "broken: "+firstLine(problems[c.snippets[0]]))
		}
		exp, has := s.expects[c.op.ID]
		if !has || exp.empty() {
			continue
		}
		s.wires++
		if len(s.sdkErrs) > 0 {
			continue
		}
		checked, bad := 0, ""
		for _, i := range c.snippets {
			recs := s.byTag[strconv.Itoa(i)]
			if len(recs) != 1 {
				continue
			}
			checked++
			if d := exp.diff(recs[0]); d != "" && bad == "" {
				bad = d
			}
		}
		switch {
		case checked == 0:
			s.fail(where, "wire", "not checked: no snippet of the operation sent one request")
		case bad != "":
			s.fail(where, "wire", bad)
		default:
			s.okWires++
		}
	}
}

// firstLine is s on one line, cut short.
func firstLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 160 {
		s = s[:160] + "..."
	}
	return s
}

var logTimeRE = regexp.MustCompile(`(?m)^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d `)

// briefValidation drops the schema and value dumps of an openapi3filter error.
func briefValidation(e string) string {
	for _, cut := range []string{"\nSchema:", "\nValue:"} {
		if i := strings.Index(e, cut); i >= 0 {
			e = e[:i]
		}
	}
	return strings.TrimSpace(e)
}

func queryPart(q string) string {
	if q == "" {
		return ""
	}
	return "?" + q
}

// wireExpectations reads the x-expect-* extensions of the spec's operations.
func wireExpectations(path string) (map[string]wireExpect, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]wireExpect{}
	for _, p := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(p).Operations() {
			var w wireExpect
			for key, v := range op.Extensions {
				switch key {
				case "x-expect-body":
					w.body = v
				case "x-expect-origin":
					w.origin = fmt.Sprint(v)
				case "x-expect-path":
					w.path, w.hasPath = fmt.Sprint(v), true
				case "x-expect-query":
					w.query, w.hasQ = fmt.Sprint(v), true
				case "x-expect-header", "x-expect-cookie":
					m, ok := v.(map[string]any)
					if !ok {
						return nil, fmt.Errorf("%s: %s of %s is not a map", path, key, op.OperationID)
					}
					dst := map[string]string{}
					for k, x := range m {
						dst[k] = fmt.Sprint(x)
					}
					if key == "x-expect-header" {
						w.header = dst
					} else {
						w.cookie = dst
					}
				}
			}
			if !w.empty() {
				if op.OperationID == "" {
					return nil, fmt.Errorf("%s: x-expect-* on an operation without operationId", path)
				}
				out[op.OperationID] = w
			}
		}
	}
	return out, nil
}

// diff describes how rec differs from w ("" when it matches).
func (w wireExpect) diff(rec specserver.Record) string {
	var d []string
	if w.origin != "" && rec.Origin != w.origin {
		d = append(d, fmt.Sprintf("origin: sent to %q, want %q", rec.Origin, w.origin))
	}
	if w.body != nil {
		var sent any
		if err := json.Unmarshal(rec.Body, &sent); err != nil {
			d = append(d, fmt.Sprintf("body: sent %q, not JSON: %v", rec.Body, err))
		} else if !reflect.DeepEqual(sent, w.body) {
			want, _ := json.Marshal(w.body)
			d = append(d, fmt.Sprintf("body: sent %s, want %s", bytes.TrimSpace(rec.Body), want))
		}
	}
	if w.hasPath && rec.RawPath != w.path {
		d = append(d, fmt.Sprintf("path: sent %q, want %q%s", rec.RawPath, w.path, escapingOnly(rec.RawPath, w.path, url.PathUnescape)))
	}
	if w.hasQ && normalQuery(rec.Query) != normalQuery(w.query) {
		d = append(d, fmt.Sprintf("query: sent %q, want %q%s", rec.Query, w.query, escapingOnly(normalQuery(rec.Query), normalQuery(w.query), url.QueryUnescape)))
	}
	for _, name := range sortedKeys(w.header) {
		got := rec.Header.Values(name)
		if len(got) != 1 || got[0] != w.header[name] {
			d = append(d, fmt.Sprintf("header %s: sent %q, want %q", name, got, w.header[name]))
		}
	}
	if len(w.cookie) > 0 {
		sent := map[string]string{}
		for _, line := range rec.Header.Values("Cookie") {
			for _, part := range strings.Split(line, ";") {
				k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
				sent[k] = v
			}
		}
		for _, name := range sortedKeys(w.cookie) {
			if got, ok := sent[name]; !ok || got != w.cookie[name] {
				d = append(d, fmt.Sprintf("cookie %s: sent %q (Cookie: %q), want %q", name, got, rec.Header.Values("Cookie"), w.cookie[name]))
			}
		}
	}
	return strings.Join(d, "; ")
}

// escapingOnly notes when two texts differ only in percent-encoding.
func escapingOnly(got, want string, unescape func(string) (string, error)) string {
	g, err1 := unescape(got)
	w, err2 := unescape(want)
	if err1 == nil && err2 == nil && g == w {
		return " (differs only in percent-encoding)"
	}
	return ""
}

// normalQuery orders the &-separated pieces of a query by key, keeping the
// order of pieces that share a key (the items of an exploded array).
func normalQuery(q string) string {
	if q == "" {
		return ""
	}
	parts := strings.Split(q, "&")
	sort.SliceStable(parts, func(i, j int) bool {
		ki, _, _ := strings.Cut(parts[i], "=")
		kj, _, _ := strings.Cut(parts[j], "=")
		return ki < kj
	})
	return strings.Join(parts, "&")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// logShapesReport logs one line per spec and the table of failures.
func logShapesReport(t *testing.T, specs []*shapeSpec) {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-34s %5s %9s %9s %6s  %s\n", "spec", "ops", "contracts", "snippets", "wire", "status")
	var tot [6]int
	for _, s := range specs {
		status := "ok"
		switch {
		case s.res == nil:
			status = "GENERATION FAILED"
		case len(s.sdkErrs) > 0:
			status = fmt.Sprintf("SDK DOES NOT COMPILE (%d errors)", len(s.sdkErrs))
		case len(s.failures) > 0:
			status = fmt.Sprintf("%d failures", len(s.failures))
		}
		fmt.Fprintf(&b, "%-34s %5d %4d/%-4d %4d/%-4d %2d/%-3d %s\n", s.name, s.ops, s.okOps, s.ops, s.passed, len(s.snippets), s.okWires, s.wires, status)
		for i, n := range []int{s.ops, s.okOps, s.passed, len(s.snippets), s.okWires, s.wires} {
			tot[i] += n
		}
	}
	fmt.Fprintf(&b, "%-34s %5d %4d/%-4d %4d/%-4d %2d/%-3d\n", "TOTAL", tot[0], tot[1], tot[0], tot[2], tot[3], tot[4], tot[5])
	t.Log(b.String())

	var f strings.Builder
	n := 0
	fmt.Fprintf(&f, "\nfailures:\n| spec | where | kind | detail |\n|---|---|---|---|\n")
	for _, s := range specs {
		for _, x := range s.failures {
			n++
			detail := strings.Join(strings.Fields(x.detail), " ")
			if len(detail) > 400 {
				detail = detail[:400] + "..."
			}
			fmt.Fprintf(&f, "| %s | %s | %s | %s |\n", s.name, x.where, x.kind, strings.ReplaceAll(detail, "|", `\|`))
		}
	}
	if n > 0 {
		t.Log(f.String())
	}
}
