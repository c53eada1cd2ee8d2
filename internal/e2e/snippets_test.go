package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oasgo/gen/internal/emit"
	"github.com/oasgo/gen/internal/model"
	"github.com/oasgo/gen/testkit/specserver"
)

// snippetSpecs are the specs whose docs are proven: the project's own, and
// the real upstream ones when ../shared/specs is present.
func snippetSpecs(t *testing.T) []string {
	root := repoRoot(t)
	specs := []string{
		filepath.Join(root, "spec", "vault.yml"),
		// No examples at all: placeholders only; cookies, deepObject, unions.
		filepath.Join(root, "internal", "e2e", "testdata", "specs", "noexamples.yml"),
	}
	shared := filepath.Join(root, "..", "shared", "specs")
	for _, name := range []string{"vault-9.3.1.yml", "vault-old.yml", "vault.yml", "accounting.yml"} {
		p := filepath.Join(shared, name)
		if _, err := os.Stat(p); err != nil {
			t.Logf("%s not available (%v): only the project's own spec is checked; the real specs live in ../shared/specs", p, err)
			continue
		}
		specs = append(specs, p)
	}
	return specs
}

// TestDocSnippets: every Go snippet of every generated page compiles against
// the SDK generated from the same spec and, run, sends a request that the
// spec accepts (openapi3filter) and decodes the spec's example answer.
// Each operation's snippet is also its contract test.
func TestDocSnippets(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated SDKs")
	}
	for _, spec := range snippetSpecs(t) {
		name := filepath.Base(filepath.Dir(spec)) + "/" + filepath.Base(spec)
		t.Run(name, func(t *testing.T) {
			checkSnippets(t, spec)
		})
	}
}

var goBlockRE = regexp.MustCompile("(?s)```go\n(.*?)```")

// pageSnippets extracts the Go blocks of the markdown files, deduplicated,
// with the pages each appears on.
func pageSnippets(files []emit.File) (snippets []string, pages map[string][]string, total int) {
	pages = map[string][]string{}
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".md") {
			continue
		}
		for _, m := range goBlockRE.FindAllStringSubmatch(string(f.Data), -1) {
			if !strings.Contains(m[1], "func main()") {
				continue // a fragment, not a program
			}
			total++
			if _, ok := pages[m[1]]; !ok {
				snippets = append(snippets, m[1])
			}
			pages[m[1]] = append(pages[m[1]], f.Path)
		}
	}
	return snippets, pages, total
}

var mainRE = regexp.MustCompile(`(?m)^func main\(\) \{`)

func checkSnippets(t *testing.T, spec string) {
	res, sdkDir := generateSDK(t, spec)
	snippets, pages, total := pageSnippets(res.Files)
	if len(snippets) == 0 {
		t.Fatal("no snippets in the generated pages")
	}

	// One package: each snippet in its own file with main renamed, and a
	// main that runs the snippet named on its command line with
	// http.DefaultTransport pointed at the test server.
	files := map[string]string{}
	var table strings.Builder
	for i, s := range snippets {
		files[fmt.Sprintf("snippet%03d.go", i)] = mainRE.ReplaceAllString(s, fmt.Sprintf("func snippet%03d() {", i))
		fmt.Fprintf(&table, "\tsnippet%03d,\n", i)
	}
	files["run.go"] = `package main

import (
	"net/http"
	"os"
	"strconv"

	"github.com/oasgo/gen/testkit/specserver"
)

var snippets = []func(){
` + table.String() + `}

func main() {
	i, err := strconv.Atoi(os.Args[1])
	if err != nil {
		panic(err)
	}
	http.DefaultTransport = specserver.RedirectTransport(os.Getenv("SPECSERVER_URL"), os.Args[1])
	snippets[i]()
}
`
	dir := goModule(t, "snippets", files, map[string]string{"openapi": sdkDir, thisModule: repoRoot(t)})
	bin := filepath.Join(dir, "snippets.bin")
	goRun(t, dir, "build", "-o", bin, ".")

	srv, err := specserver.New(spec)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	all := make([]int, len(snippets))
	for i := range all {
		all[i] = i
	}
	results := runSnippets(bin, nil, srv.URL(), all)

	byTag := recordsByTag(srv.Requests())
	passed := 0
	ok := make([]bool, len(snippets))
	var failures []string
	for i, s := range snippets {
		problem := snippetProblem(results[i], byTag[strconv.Itoa(i)])
		if problem == "" {
			passed++
			ok[i] = true
			continue
		}
		failures = append(failures, fmt.Sprintf("%s (on %s): %s", snippetCall(s), strings.Join(pages[s], ", "), problem))
	}
	sort.Strings(failures)
	// Each operation's own snippet (on its service page) is its contract test.
	ops, okOps := 0, 0
	for _, c := range operationContracts(res.API, snippets, ok) {
		ops++
		if c.ok {
			okOps++
		}
	}
	t.Logf("%s: contract: %d of %d operations sent a valid request and decoded the answer", filepath.Base(spec), okOps, ops)
	if okOps != ops {
		t.Errorf("%d of %d operations failed their contract", ops-okOps, ops)
	}
	t.Logf("%s: %d of %d snippets compiled, ran and sent valid requests (%d snippets on the pages, %d distinct)",
		filepath.Base(spec), passed, len(snippets), total, len(snippets))
	for _, f := range failures {
		t.Errorf("snippet %s", f)
	}
}

// snippetRun is the outcome of one snippet process.
type snippetRun struct {
	out string
	err error
}

// runSnippets runs bin once per index in idx (bin args... index), two at a
// time, each in its own process (log.Fatal exits) with http.DefaultTransport
// pointed at the specserver at url; the request is tagged with the index.
func runSnippets(bin string, args []string, url string, idx []int) map[int]snippetRun {
	results := make(map[int]snippetRun, len(idx))
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, i := range idx {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, append(append([]string(nil), args...), strconv.Itoa(i))...)
			cmd.Env = append(os.Environ(), "SPECSERVER_URL="+url)
			out, err := cmd.CombinedOutput()
			mu.Lock()
			results[i] = snippetRun{string(out), err}
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	return results
}

// recordsByTag groups the server's records by the snippet index they carry.
func recordsByTag(recs []specserver.Record) map[string][]specserver.Record {
	byTag := map[string][]specserver.Record{}
	for _, r := range recs {
		byTag[r.Tag] = append(byTag[r.Tag], r)
	}
	return byTag
}

// snippetProblem is why a snippet's run broke the contract ("" when it kept
// it): it exited cleanly, sent exactly one request, the spec accepted it,
// and the server's own answer matched the spec.
func snippetProblem(r snippetRun, recs []specserver.Record) string {
	switch {
	case r.err != nil:
		return fmt.Sprintf("exited with %v:\n%s", r.err, r.out)
	case len(recs) != 1:
		return fmt.Sprintf("sent %d requests, want 1", len(recs))
	case !recs[0].Valid:
		return "sent an invalid request: " + recs[0].String()
	case recs[0].ResponseError != "":
		return "the server's own answer failed its check: " + recs[0].ResponseError
	}
	return ""
}

var snippetCallRE = regexp.MustCompile(`s\.\w+\.\w+`)

// snippetCall is the first SDK call of a snippet ("s.Widgets.WidgetsOne").
func snippetCall(s string) string {
	if m := snippetCallRE.FindString(s); m != "" {
		return m
	}
	return "?"
}

// contract is one operation and the snippets that call it.
type contract struct {
	svc      *model.Service
	op       *model.Operation
	snippets []int // indexes of the snippets calling the operation
	ok       bool  // one of them kept the contract
}

// operationContracts pairs every operation with the snippets that call it;
// an operation keeps its contract when one of them passed (ok[i]).
func operationContracts(api *model.API, snippets []string, ok []bool) []contract {
	var out []contract
	for _, svc := range api.Services {
		for _, op := range svc.Operations {
			c := contract{svc: svc, op: op}
			call := "s." + svc.GoName + "." + op.GoName + "("
			for i, s := range snippets {
				if strings.Contains(s, call) {
					c.snippets = append(c.snippets, i)
					c.ok = c.ok || ok[i]
				}
			}
			out = append(out, c)
		}
	}
	return out
}
