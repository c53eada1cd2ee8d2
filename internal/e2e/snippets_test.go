package e2e

import (
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

	"github.com/oasgo/gen/internal/emit"
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

	// Run every snippet in its own process (log.Fatal exits), two at a time.
	type result struct {
		out string
		err error
	}
	results := make([]result, len(snippets))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range snippets {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			cmd := exec.Command(bin, strconv.Itoa(i))
			cmd.Env = append(os.Environ(), "SPECSERVER_URL="+srv.URL())
			out, err := cmd.CombinedOutput()
			results[i] = result{string(out), err}
		}(i)
	}
	wg.Wait()

	byTag := map[string][]specserver.Record{}
	for _, r := range srv.Requests() {
		byTag[r.Tag] = append(byTag[r.Tag], r)
	}
	passed := 0
	var failures []string
	for i, s := range snippets {
		recs := byTag[strconv.Itoa(i)]
		var problem string
		switch {
		case results[i].err != nil:
			problem = fmt.Sprintf("exited with %v:\n%s", results[i].err, results[i].out)
		case len(recs) != 1:
			problem = fmt.Sprintf("sent %d requests, want 1", len(recs))
		case !recs[0].Valid:
			problem = "sent an invalid request: " + recs[0].String()
		case recs[0].ResponseError != "":
			problem = "the server's own answer failed its check: " + recs[0].ResponseError
		}
		if problem == "" {
			passed++
			continue
		}
		call := "?"
		if m := regexp.MustCompile(`s\.\w+\.\w+`).FindString(s); m != "" {
			call = m
		}
		failures = append(failures, fmt.Sprintf("%s (on %s): %s", call, strings.Join(pages[s], ", "), problem))
	}
	sort.Strings(failures)
	// Each operation's own snippet (on its service page) is its contract test.
	ops, okOps := 0, 0
	for _, svc := range res.API.Services {
		for _, op := range svc.Operations {
			ops++
			call := "s." + svc.GoName + "." + op.GoName + "("
			for i, s := range snippets {
				if strings.Contains(s, call) && results[i].err == nil && len(byTag[strconv.Itoa(i)]) == 1 && byTag[strconv.Itoa(i)][0].Valid && byTag[strconv.Itoa(i)][0].ResponseError == "" {
					okOps++
					break
				}
			}
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
