package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
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
// Each operation's snippet is also its contract test. The specs are those of
// snippetSpecs and, when present, ../shared/specs/openai.yaml (OpenAPI 3.1,
// whose SDK is also vetted here); all are one snippet corpus: one build.
func TestDocSnippets(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated SDKs")
	}
	root := repoRoot(t)
	var specs []*corpusSpec
	for _, spec := range snippetSpecs(t) {
		// spec/vault.yml -> spec_vault, ../shared/specs/vault.yml -> specs_vault.
		specs = append(specs, &corpusSpec{name: corpusName(filepath.Base(filepath.Dir(spec)) + "/" + filepath.Base(spec)), path: spec})
	}
	openai := filepath.Join(root, "..", "shared", "specs", "openai.yaml")
	if _, err := os.Stat(openai); err != nil {
		t.Logf("%s not available (%v): the OpenAPI 3.1 spec is not checked; the real specs live in ../shared/specs", openai, err)
	} else {
		specs = append(specs, &corpusSpec{name: "openai", path: openai, known: knownOpenAIFailures, vet: true})
	}
	specs = corpusOnly(t, specs)
	start := time.Now()
	_, times := runCorpus(t, "docs", specs, corpusOptions{})
	logCorpusReport(t, specs)
	t.Logf("runtime: %.1fs (%s)", time.Since(start).Seconds(), times)
	corpusSubtests(t, specs)
}

// knownOpenAIFailures are the operations of openai.yaml whose snippet is
// known not to keep its contract, with the reason (a spec position where it
// helps). Each must still fail: one that passes is an error, so the list
// only shrinks.
var knownOpenAIFailures = map[string]string{}

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

// snippetRun is the outcome of one snippet process.
type snippetRun struct {
	out string
	err error
}

// runSnippet runs `bin args... i` with $SPECSERVER_URL set to url, for a
// minute at most.
func runSnippet(bin string, args []string, url string, i int) snippetRun {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append(append([]string(nil), args...), strconv.Itoa(i))...)
	cmd.Env = append(os.Environ(), "SPECSERVER_URL="+url)
	out, err := cmd.CombinedOutput()
	return snippetRun{string(out), err}
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
