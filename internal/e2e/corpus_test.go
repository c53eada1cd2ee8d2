package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oasgo/gen/internal/gen"
	"github.com/oasgo/gen/testkit/specserver"
)

// A snippet corpus holds many specs to the doc-snippet contract in one build:
// every Go program of every generated page compiles, runs, sends exactly one
// request that its spec accepts (specserver) and decodes the answer, and
// every operation's own snippet keeps its contract.
//
// Cost is kept down by building once: every SDK is a package tree of one
// module (<module>/<spec>), the snippets of each spec one package
// (snip/<spec>: compiled in parallel with the others), one main that imports
// them all, one binary; then each spec gets its own specserver and the
// snippets of all specs run a few at a time.

// corpusSpec is one spec of a corpus and everything learnt about it.
type corpusSpec struct {
	name, path string // name: the spec's package directory in the module
	idx        int
	// known lists the operations ("Service.Method") whose contract is known
	// to fail, with the reason; they are reported, never silently skipped,
	// and one that passes again is an error (the list must shrink).
	known map[string]string
	// wire: read x-expect-* wire expectations from the spec.
	wire bool
	// vet: go vet the spec's SDK.
	vet bool

	res      *gen.Result
	genErr   error
	genTime  time.Duration
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
	knownFailed                        []string // known exceptions that failed as expected
	ops, okOps, passed, wires, okWires int
}

// shapeFailure is one row of the failure table.
type shapeFailure struct {
	where, kind, detail string
}

func (s *corpusSpec) fail(where, kind, detail string) {
	s.failures = append(s.failures, shapeFailure{where, kind, strings.TrimSpace(detail)})
}

// fn is the exported name of snippet i in the spec's snippet package.
func (s *corpusSpec) fn(i int) string { return fmt.Sprintf("S%03d", i) }

// snipPkg is the directory of the spec's snippet package.
func (s *corpusSpec) snipPkg() string { return "snip/" + s.name }

// corpusName turns a spec's path relative to its folder into a package
// directory name: "platform/crm.yml" -> "platform_crm".
func corpusName(rel string) string {
	rel = strings.TrimSuffix(strings.TrimSuffix(rel, ".yml"), ".yaml")
	return strings.NewReplacer("/", "_", ".", "_", "-", "_").Replace(rel)
}

// corpusOnly keeps the specs whose name contains $GEN_CORPUS_ONLY (all
// when it is unset), while working on one spec.
func corpusOnly(t *testing.T, specs []*corpusSpec) []*corpusSpec {
	only := os.Getenv("GEN_CORPUS_ONLY")
	if only == "" {
		return specs
	}
	var some []*corpusSpec
	for _, s := range specs {
		if strings.Contains(s.name, only) {
			some = append(some, s)
		}
	}
	t.Logf("GEN_CORPUS_ONLY=%s: %d of %d specs", only, len(some), len(specs))
	if len(some) == 0 {
		t.Skip("no spec of this corpus is selected")
	}
	return some
}

// corpusOptions tune a corpus run.
type corpusOptions struct {
	// vetAll: go vet the whole module (snippets too); else only the SDKs of
	// the specs marked vet.
	vetAll bool
	// parallel is how many snippet processes run at once (2 when zero).
	parallel int
}

// corpusTimes is where the time of a corpus run went.
type corpusTimes struct {
	gen, build, vet, run time.Duration
}

func (c corpusTimes) String() string {
	return fmt.Sprintf("generate %.1fs, build %.1fs, vet %.1fs, run %.1fs",
		c.gen.Seconds(), c.build.Seconds(), c.vet.Seconds(), c.run.Seconds())
}

// runCorpus generates, builds, vets (opts.vet) and runs the snippets of every
// spec, and judges each (counts and failures in the corpusSpec). It returns
// the module's directory (SDK of spec s in <dir>/<s.name>) and the times.
// Only harness breakdowns fail t here; the caller reports each spec's
// failures (logCorpusReport, corpusSubtests).
func runCorpus(t *testing.T, module string, specs []*corpusSpec, opts corpusOptions) (string, corpusTimes) {
	t.Helper()
	var times corpusTimes
	start := time.Now()
	root := repoRoot(t)
	byName := map[string]*corpusSpec{}
	for i, s := range specs {
		s.idx = i
		s.snipErrs = map[int][]string{}
		if byName[s.name] != nil {
			t.Fatalf("two specs of the corpus are named %s", s.name)
		}
		byName[s.name] = s
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
			t0 := time.Now()
			s.res, s.genErr = gen.Generate(gen.Config{Spec: s.path, Module: module + "/" + s.name, Package: "sdk"})
			s.genTime = time.Since(t0)
			if s.genErr != nil {
				s.fail("generate", "generate", s.genErr.Error())
				return
			}
			s.snippets, s.pages, _ = pageSnippets(s.res.Files)
			if s.wire {
				var err error
				if s.expects, err = wireExpectations(s.path); err != nil {
					s.fail("x-expect-*", "harness", err.Error())
				}
			}
		}()
	}
	wg.Wait()
	times.gen = time.Since(start)

	// One module: <spec>/... are the SDKs, snip/<spec> the programs of each
	// spec as functions of a plain package, cmd/snippets the main.
	files := map[string]string{}
	fileOf := map[string][2]int{} // snip/<spec>/<fn>.go -> spec, snippet
	for _, s := range specs {
		if s.res == nil {
			continue
		}
		for _, f := range s.res.Files {
			if f.Path == "go.mod" || f.Path == "go.sum" || strings.HasSuffix(f.Path, ".md") {
				continue // a package tree of the module, not a module
			}
			files[s.name+"/"+f.Path] = string(f.Data)
		}
		for i, src := range s.snippets {
			name := s.snipPkg() + "/" + strings.ToLower(s.fn(i)) + ".go"
			src = strings.Replace(src, "package main\n", "package snippets\n", 1)
			files[name] = mainRE.ReplaceAllString(src, "func "+s.fn(i)+"() {")
			fileOf[name] = [2]int{s.idx, i}
		}
	}
	dir := goModule(t, module, files, map[string]string{thisModule: root})

	// Build until it compiles: a spec whose SDK fails leaves the build with
	// all its snippets, a snippet that fails leaves alone. -e: every error.
	sdkOK := func(s *corpusSpec) bool { return s.res != nil && len(s.sdkErrs) == 0 }
	bin := filepath.Join(dir, "bin", "snippets")
	for round := 1; ; round++ {
		if err := writeCorpusRunner(dir, module, specs, sdkOK); err != nil {
			t.Fatal(err)
		}
		// One command compiles every package and links the binary into
		// bin/. Once a build failed, -e: every error (-gcflags applies to
		// the packages named); the first, as go vet compiles: its packages
		// serve vet too.
		patterns := []string{"./cmd/snippets"}
		for _, s := range specs {
			if sdkOK(s) {
				patterns = append(patterns, "./"+s.name+"/...", "./"+s.snipPkg())
			}
		}
		args := []string{"build", "-o", filepath.Dir(bin) + string(filepath.Separator)}
		if round > 1 {
			args = append(args, "-gcflags=-e")
		}
		out, err := goCommand(t, dir, append(args, patterns...)...)
		if err == nil {
			break
		}
		progress, stray := attributeGoErrors(out, byName, fileOf, specs, false)
		if progress == 0 || round >= 8 {
			t.Fatalf("go build fails and no spec or snippet is to blame (round %d):\n%s\nunattributed:\n%s", round, out, strings.Join(stray, "\n"))
		}
	}
	times.build = time.Since(start) - times.gen

	vet := []string{"./..."}
	if !opts.vetAll {
		vet = nil
		for _, s := range specs {
			if s.vet && sdkOK(s) {
				vet = append(vet, "./"+s.name+"/...")
			}
		}
	}
	if len(vet) > 0 {
		if out, err := goCommand(t, dir, append([]string{"vet"}, vet...)...); err != nil {
			_, stray := attributeGoErrors(out, byName, fileOf, specs, true)
			for _, l := range stray {
				t.Logf("go vet (unattributed): %s", l)
			}
		}
	}
	times.vet = time.Since(start) - times.gen - times.build

	// Run: one specserver per spec, started up front; the snippets of all
	// specs share one pool of processes.
	servers := map[*corpusSpec]*specserver.Server{}
	var jobs []corpusJob
	for _, s := range specs {
		if !sdkOK(s) {
			continue
		}
		srv, err := specserver.New(s.path)
		if err != nil {
			s.srvErr = err
			s.fail("specserver", "harness", err.Error())
			continue
		}
		servers[s] = srv
		s.runs = map[int]snippetRun{}
		for i := range s.snippets {
			if len(s.snipErrs[i]) == 0 {
				jobs = append(jobs, corpusJob{s, i, srv.URL()})
			}
		}
	}
	runCorpusJobs(bin, jobs, opts.parallel)
	for s, srv := range servers {
		srv.Close()
		s.byTag = recordsByTag(srv.Requests())
	}
	times.run = time.Since(start) - times.gen - times.build - times.vet

	for _, s := range specs {
		judgeCorpusSpec(s)
	}
	return dir, times
}

// corpusJob is one snippet to run against its spec's server.
type corpusJob struct {
	s   *corpusSpec
	i   int
	url string
}

// runCorpusJobs runs the jobs, parallel at a time (2 when zero), each in its
// own process (log.Fatal exits): `bin <spec> <index>` with
// http.DefaultTransport pointed at the job's specserver; the request is
// tagged with the index.
func runCorpusJobs(bin string, jobs []corpusJob, parallel int) {
	if parallel <= 0 {
		parallel = 2
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, parallel)
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r := runSnippet(bin, []string{j.s.name}, j.url, j.i)
			mu.Lock()
			j.s.runs[j.i] = r
			mu.Unlock()
		}()
	}
	wg.Wait()
}

// writeCorpusRunner writes the main of cmd/snippets: `snippets.bin <spec>
// <index>` runs one snippet with http.DefaultTransport pointed at
// $SPECSERVER_URL. Snippets that do not compile (or whose SDK does not) have
// their files removed and a nil in the table.
func writeCorpusRunner(dir, module string, specs []*corpusSpec, sdkOK func(*corpusSpec) bool) error {
	var imports, table strings.Builder
	for _, s := range specs {
		if s.res == nil {
			continue
		}
		alias := "s" + strconv.Itoa(s.idx)
		used := false
		fmt.Fprintf(&table, "\t%q: {", s.name)
		for i := range s.snippets {
			file := filepath.Join(dir, filepath.FromSlash(s.snipPkg()), strings.ToLower(s.fn(i))+".go")
			if sdkOK(s) && len(s.snipErrs[i]) == 0 {
				fmt.Fprintf(&table, "%s.%s, ", alias, s.fn(i))
				used = true
				continue
			}
			table.WriteString("nil, ")
			if err := os.Remove(file); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
		table.WriteString("},\n")
		if used {
			fmt.Fprintf(&imports, "\t%s %q\n", alias, module+"/"+s.snipPkg())
		}
	}
	src := `package main

import (
	"net/http"
	"os"
	"strconv"

	"github.com/oasgo/gen/testkit/specserver"

` + imports.String() + `)

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
	path := filepath.Join(dir, "cmd", "snippets", "run.go")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(src), 0o644)
}

var goErrRE = regexp.MustCompile(`^(?:vet: )?(?:\./)?([^\s:]+\.go):(\d+):(\d+): (.*)$`)

// attributeGoErrors files each `file.go:line:col: msg` line of go build (or
// vet) output under the SDK or snippet it belongs to, and returns how many
// specs or snippets it newly found broken and the lines it could not place.
func attributeGoErrors(out string, byName map[string]*corpusSpec, fileOf map[string][2]int, specs []*corpusSpec, vet bool) (progress int, stray []string) {
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

// judgeCorpusSpec turns what happened to a spec into counts and failures.
func judgeCorpusSpec(s *corpusSpec) {
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
	// A snippet of a known exception fails with its operation, not apart.
	knownCall := map[string]bool{}
	for op := range s.known {
		knownCall["s."+op] = true
	}
	// So does one of its streaming variant.
	for _, svc := range s.res.API.Services {
		for _, op := range svc.Operations {
			if _, known := s.known[svc.GoName+"."+op.GoName]; known && op.Stream != nil {
				knownCall["s."+svc.GoName+"."+op.Stream.GoName] = true
			}
		}
	}
	var snippetFailures []shapeFailure
	for i, src := range s.snippets {
		where := snippetCall(src) + " (" + strings.Join(s.pages[src], ", ") + ")"
		fail := func(kind, detail string) {
			snippetFailures = append(snippetFailures, shapeFailure{where, kind, strings.TrimSpace(detail)})
			if knownCall[snippetCall(src)] {
				snippetFailures = snippetFailures[:len(snippetFailures)-1]
			}
		}
		switch {
		case len(s.sdkErrs) > 0:
			problems[i] = "the SDK does not compile"
			continue // reported once, above
		case len(s.snipErrs[i]) > 0:
			problems[i] = "does not compile: " + strings.Join(s.snipErrs[i], "; ")
			fail("snippet compile", strings.Join(s.snipErrs[i], "\n"))
			continue
		case s.srvErr != nil:
			problems[i] = "no specserver"
			continue
		}
		run, ran := s.runs[i]
		if !ran {
			problems[i] = "not run"
			fail("harness", "not run")
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
			fail(kind, p)
			continue
		}
		ok[i] = true
		s.passed++
	}
	s.failures = append(s.failures, snippetFailures...)
	seenKnown := map[string]bool{}
	for _, c := range operationContracts(s.res.API, s.snippets, ok) {
		s.ops++
		where := c.svc.GoName + "." + c.op.GoName
		reason, known := s.known[where]
		seenKnown[where] = known
		switch {
		case c.ok && known:
			s.okOps++
			s.fail(where, "known exception", "passes now: remove it from the known exceptions ("+reason+")")
		case c.ok:
			s.okOps++
		case known:
			s.knownFailed = append(s.knownFailed, fmt.Sprintf("%s: %s (%s)", where, reason, firstLine(problems[firstOr(c.snippets, -1)])))
		case len(c.snippets) == 0:
			s.fail(where, "contract", "no snippet calls the operation")
		case len(s.sdkErrs) == 0:
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
	for _, op := range sortedKeys(s.known) {
		if !seenKnown[op] {
			s.fail(op, "known exception", "no such operation: remove it from the known exceptions")
		}
	}
}

func firstOr(xs []int, def int) int {
	if len(xs) == 0 {
		return def
	}
	return xs[0]
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

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// logCorpusReport logs one line per spec, the known exceptions and the table
// of failures.
func logCorpusReport(t *testing.T, specs []*corpusSpec) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-36s %5s %9s %9s %6s  %s\n", "spec", "ops", "contracts", "snippets", "wire", "status")
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
		if len(s.knownFailed) > 0 {
			status += fmt.Sprintf(", %d known exceptions", len(s.knownFailed))
		}
		fmt.Fprintf(&b, "%-36s %5d %4d/%-4d %4d/%-4d %2d/%-3d %s\n", s.name, s.ops, s.okOps, s.ops, s.passed, len(s.snippets), s.okWires, s.wires, status)
		for i, n := range []int{s.ops, s.okOps, s.passed, len(s.snippets), s.okWires, s.wires} {
			tot[i] += n
		}
	}
	fmt.Fprintf(&b, "%-36s %5d %4d/%-4d %4d/%-4d %2d/%-3d\n", "TOTAL", tot[0], tot[1], tot[0], tot[2], tot[3], tot[4], tot[5])
	t.Log(b.String())

	var k strings.Builder
	for _, s := range specs {
		for _, x := range s.knownFailed {
			fmt.Fprintf(&k, "  %s: %s\n", s.name, x)
		}
	}
	if k.Len() > 0 {
		t.Logf("known exceptions (failing as expected):\n%s", k.String())
	}

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

// corpusSubtests reports each spec's failures in a subtest of its own.
func corpusSubtests(t *testing.T, specs []*corpusSpec) {
	for _, s := range specs {
		t.Run(s.name, func(t *testing.T) {
			for _, f := range s.failures {
				t.Errorf("%s [%s]: %s", f.where, f.kind, f.detail)
			}
		})
	}
}
