package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgo/gen/internal/gen"
	"github.com/oasgo/gen/internal/specgen"
)

// validOpenAPI reports whether kin-openapi loads and validates data.
func validOpenAPI(data []byte) bool {
	doc, err := openapi3.NewLoader().LoadFromData(data)
	return err == nil && doc.Validate(context.Background()) == nil
}

// Generative test: random valid documents (internal/specgen) must each
// generate without error into an SDK that builds and vets. The SDKs become
// packages of one module, so that one go build compiles a whole batch.
//
//	(part of make test; -short skips it)
//	GEN_SPECS_N=3000 / -specs.n how many documents (default 200)
//	GEN_SPECS_SEED=17           first seed (default 1); seeds are consecutive
//	GEN_SPECS_OUT=dir           where failing documents are written (default: the test's artifact dir)
//	GEN_SPECS_MINIMIZE=1        reduce one failing document per failure kind into testdata/generative
//	GEN_SPECS_MINIMIZE_SECONDS  time budget of one reduction (default 240)

var specsN = flag.Int("specs.n", 0, "number of random specs for TestGenerativeSpecs (default $GEN_SPECS_N, else 200)")

// specBatch is how many SDKs one go build compiles.
const specBatch = 250

// genDoc is one document to check: name is its package folder in the module.
type genDoc struct {
	name  string
	label string // "seed 17" or a corpus file name
	seed  int64  // -1 for a corpus file
	data  []byte
}

// genFailure is what went wrong with one document.
type genFailure struct {
	stage string   // "generate", "panic", "build", "vet"
	lines []string // messages, positions relative to the SDK folder
	sigs  []string // failure kinds: messages with names and numbers masked
}

func TestGenerativeSpecs(t *testing.T) {
	skipGenerative(t)
	n := *specsN
	if n == 0 {
		n = envInt(t, "GEN_SPECS_N", 200)
	}
	base := int64(envInt(t, "GEN_SPECS_SEED", 1))
	docs := make([]genDoc, n)
	for i := range docs {
		seed := base + int64(i)
		docs[i] = genDoc{name: fmt.Sprintf("s%05d", i), label: fmt.Sprintf("seed %d", seed), seed: seed}
	}
	start := time.Now()
	for i := range docs {
		docs[i].data = specgen.Generate(docs[i].seed)
	}
	t.Logf("%d documents written in %.2fs", n, time.Since(start).Seconds())
	failures := checkDocs(t, docs)
	reportFailures(t, docs, failures)
}

// TestGenerativeCorpus runs the reduced failing documents kept in
// testdata/generative through the same generate + build.
func TestGenerativeCorpus(t *testing.T) {
	skipGenerative(t)
	files, err := filepath.Glob(filepath.Join(repoRoot(t), "internal", "e2e", "testdata", "generative", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("no documents in testdata/generative")
	}
	var docs []genDoc
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, genDoc{name: fmt.Sprintf("c%05d", i), label: "testdata/generative/" + filepath.Base(f), seed: -1, data: data})
	}
	reportFailures(t, docs, checkDocs(t, docs))
}

func skipGenerative(t *testing.T) {
	if testing.Short() {
		t.Skip("builds generated SDKs")
	}
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, v, err)
	}
	return n
}

// checkDocs generates and builds docs, specBatch at a time, and returns the
// failures by document name; it logs the time spent generating and building.
func checkDocs(t *testing.T, docs []genDoc) map[string]*genFailure {
	failures := map[string]*genFailure{}
	var genTime, buildTime time.Duration
	start := time.Now()
	for lo := 0; lo < len(docs); lo += specBatch {
		batch := docs[lo:min(lo+specBatch, len(docs))]
		g, b := checkBatch(t, batch, failures, "", true)
		genTime += g
		buildTime += b
	}
	t.Logf("%d documents: %.1fs in all, %.1fs generating SDKs, %.1fs in go build + go vet; %d failed",
		len(docs), time.Since(start).Seconds(), genTime.Seconds(), buildTime.Seconds(), len(failures))
	return failures
}

// checkBatch generates every document of batch into one module and builds it
// (and vets it, if vet), in tmp (a new temporary folder when ""; the
// minimizer reuses one, for the build cache's sake).
func checkBatch(t *testing.T, batch []genDoc, failures map[string]*genFailure, tmp string, vet bool) (genTime, buildTime time.Duration) {
	if tmp == "" {
		tmp = t.TempDir()
	}
	mod := filepath.Join(tmp, "mod")
	specs := filepath.Join(tmp, "specs")
	for _, d := range []string{mod, specs} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module gentest\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	built := 0
	for _, d := range batch {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			f := generateInto(t, d, specs, mod)
			mu.Lock()
			defer mu.Unlock()
			if f != nil {
				failures[d.name] = f
			} else {
				built++
			}
		}()
	}
	wg.Wait()
	genTime = time.Since(start)
	if built == 0 {
		return genTime, 0
	}

	start = time.Now()
	stages := []string{"build", "vet"}
	if !vet {
		stages = stages[:1]
	}
	for _, stage := range stages {
		args := []string{stage, "./..."}
		if stage == "build" {
			args = []string{stage, "-gcflags=-e", "./..."} // every error of a package, not the first ten
		}
		out, err := goQuiet(t, mod, args...)
		if err == nil {
			continue
		}
		byDoc, rest := attribute(out)
		for name, lines := range byDoc {
			if failures[name] == nil {
				failures[name] = &genFailure{stage: stage}
			}
			f := failures[name]
			if f.stage != stage {
				continue // vet repeats the build's type errors
			}
			f.lines = append(f.lines, lines...)
			for _, l := range lines {
				if s := signature(l); s != "" && !contains(f.sigs, stage+": "+s) {
					f.sigs = append(f.sigs, stage+": "+s)
				}
			}
		}
		if len(byDoc) == 0 {
			t.Errorf("go %s failed without naming a document: %v\n%s", stage, err, strings.Join(rest, "\n"))
		}
	}
	buildTime = time.Since(start)
	return genTime, buildTime
}

// goQuiet is goCommand without its timing line (the minimizer runs it
// hundreds of times).
func goQuiet(t *testing.T, dir string, args ...string) (string, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go command not found: %v", err)
	}
	cmd := exec.Command(goBin, args...)
	cmd.Dir = dir
	cmd.Env = append(envWithout(os.Environ(), "GOFLAGS", "GOWORK"), "GOFLAGS="+goFlags(t, goBin), "GOWORK=off")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// generateInto runs gen on one document, in a child process (a stack
// overflow or a hang in gen is a failure of that document, not the end of the
// test), and writes the SDK as package folder d.name of the module at mod; it
// returns the failure, if any.
func generateInto(t *testing.T, d genDoc, specs, mod string) *genFailure {
	spec := filepath.Join(specs, d.name+".json")
	if err := os.WriteFile(spec, d.data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(mod, d.name)); err != nil { // an earlier candidate's
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestGenerativeHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(),
		"GEN_SPECS_HELPER=1",
		"GEN_SPECS_HELPER_SPEC="+spec,
		"GEN_SPECS_HELPER_MODULE=gentest/"+d.name,
		"GEN_SPECS_HELPER_OUT="+filepath.Join(mod, d.name))
	out, err := cmd.CombinedOutput()
	if err == nil {
		return nil
	}
	text := string(out)
	switch {
	case ctx.Err() != nil:
		return &genFailure{stage: "hang", lines: []string{"no result after 20s"}, sigs: []string{"hang: gen ran for over 20s"}}
	case strings.Contains(text, helperFail):
		msg := text[strings.Index(text, helperFail)+len(helperFail):]
		msg, _, _ = strings.Cut(msg, helperEnd)
		f := &genFailure{stage: "generate"}
		for _, l := range strings.Split(strings.TrimSpace(msg), "\n") {
			l = strings.TrimPrefix(l, spec)
			f.lines = append(f.lines, l)
			if s := signature(l); s != "" && !contains(f.sigs, "generate: "+s) {
				f.sigs = append(f.sigs, "generate: "+s)
			}
		}
		return f
	default:
		// A crash: the runtime's message and the innermost frame of gen.
		lines := strings.Split(text, "\n")
		first, frame := "", ""
		for _, l := range lines {
			if first == "" && (strings.HasPrefix(l, "fatal error:") || strings.HasPrefix(l, "panic:")) {
				first = l
			}
			if frame == "" && first != "" && strings.HasPrefix(l, thisModule+"/") {
				frame = strings.TrimPrefix(l, thisModule+"/")
				frame, _, _ = strings.Cut(frame, "(0x")
			}
		}
		if first == "" {
			first = fmt.Sprintf("exit: %v", err)
		}
		sig := "crash: " + mask(first) + " in " + frame
		return &genFailure{stage: "crash", lines: []string{first, "in " + frame}, sigs: []string{sig}}
	}
}

const (
	helperFail = "GEN_SPECS_HELPER_FAIL\n"
	helperEnd  = "\nGEN_SPECS_HELPER_END"
)

// TestGenerativeHelper is the child process of generateInto: it generates
// one SDK, and writes it without its go.mod (it is a package folder of the
// batch's module).
func TestGenerativeHelper(t *testing.T) {
	if os.Getenv("GEN_SPECS_HELPER") == "" {
		t.Skip("the child process of TestGenerativeSpecs")
	}
	debug.SetMaxStack(64 << 20) // an endless recursion fails fast
	spec, module, out := os.Getenv("GEN_SPECS_HELPER_SPEC"), os.Getenv("GEN_SPECS_HELPER_MODULE"), os.Getenv("GEN_SPECS_HELPER_OUT")
	res, err := gen.Generate(gen.Config{Spec: spec, Module: module, Package: "sdk"})
	if err != nil {
		msg := err.Error()
		// A file that does not format comes with its source: keep the message.
		if i := strings.Index(msg, " while formatting source:"); i >= 0 {
			msg = msg[:i]
		}
		fmt.Print(helperFail + msg + helperEnd + "\n")
		os.Exit(3)
	}
	if err := gen.Write(out, res.Files); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(out, "go.mod")); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
}

// docLine finds the package folder a line of go build/vet output is about.
var docLine = regexp.MustCompile(`(?:^|[\s/])([sc]\d{5})/`)

// attribute splits go build/vet output by document; rest holds the lines of
// no document.
func attribute(out string) (byDoc map[string][]string, rest []string) {
	byDoc = map[string][]string{}
	for _, l := range strings.Split(out, "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		m := docLine.FindStringSubmatch(l)
		if m == nil {
			rest = append(rest, l)
			continue
		}
		l = strings.TrimPrefix(strings.TrimSpace(l), "vet: ")
		l = strings.TrimPrefix(l, "./")
		byDoc[m[1]] = append(byDoc[m[1]], strings.TrimPrefix(l, m[1]+"/"))
	}
	return byDoc, rest
}

// position is the file:line:col: prefix of a message.
var position = regexp.MustCompile(`^\S*?:\d+(:\d+)?:\s*`)

// signature is a message's failure kind: without its position, names and
// numbers masked ("too many errors" and "other declaration" lines are none).
func signature(line string) string {
	if m := position.FindString(line); m != "" {
		line = line[len(m):]
	}
	line = strings.TrimSpace(line)
	if line == "" || strings.HasPrefix(line, "too many errors") || strings.HasPrefix(line, "other declaration of") {
		return ""
	}
	return mask(line)
}

var (
	quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|` + "`[^`]*`")
	word   = regexp.MustCompile(`[\pL_$][\pL\pN_.$-]*|-?\pN+`)
)

// mask replaces quoted strings, numbers and identifiers (words with an
// upper-case letter, a digit, an underscore or a dot) by placeholders.
func mask(s string) string {
	s = quoted.ReplaceAllString(s, "Q")
	return word.ReplaceAllStringFunc(s, func(w string) string {
		if strings.ToLower(w) == w && !strings.ContainsAny(w, "0123456789_.$-") {
			return w
		}
		return "X"
	})
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// reportFailures fails t with each failing document, writes it out with how
// to reproduce it, and sums the failures up by kind.
func reportFailures(t *testing.T, docs []genDoc, failures map[string]*genFailure) {
	if len(failures) == 0 {
		return
	}
	out := os.Getenv("GEN_SPECS_OUT")
	if out == "" {
		out = t.ArtifactDir()
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	kinds := map[string][]genDoc{}
	shown := 0
	for _, d := range docs {
		f := failures[d.name]
		if f == nil {
			continue
		}
		file := filepath.Join(out, strings.ReplaceAll(strings.ReplaceAll(d.label, " ", "-"), "/", "_"))
		if !strings.HasSuffix(file, ".json") {
			file += ".json"
		}
		if err := os.WriteFile(file, d.data, 0o644); err != nil {
			t.Error(err)
		}
		for _, s := range f.sigs {
			kinds[s] = append(kinds[s], d)
		}
		msg := f.lines
		if len(msg) > 8 {
			msg = append(msg[:8:8], fmt.Sprintf("... %d more", len(f.lines)-8))
		}
		repro := "go test ./internal/e2e -run TestGenerativeCorpus"
		if d.seed >= 0 {
			repro = fmt.Sprintf("GEN_SPECS_SEED=%d GEN_SPECS_N=1 go test ./internal/e2e -run TestGenerativeSpecs", d.seed)
		}
		if shown < 25 || len(docs) == 1 {
			t.Errorf("%s: %s failed:\n\t%s\nspec: %s\nreproduce: %s", d.label, f.stage, strings.Join(msg, "\n\t"), file, repro)
		} else if shown == 25 {
			t.Errorf("... more failing documents in %s", out)
		}
		shown++
		if len(docs) == 1 {
			t.Logf("the document:\n%s", d.data)
		}
	}
	sigs := make([]string, 0, len(kinds))
	for s := range kinds {
		sigs = append(sigs, s)
	}
	sort.Slice(sigs, func(i, j int) bool {
		if len(kinds[sigs[i]]) != len(kinds[sigs[j]]) {
			return len(kinds[sigs[i]]) > len(kinds[sigs[j]])
		}
		return sigs[i] < sigs[j]
	})
	var sum strings.Builder
	fmt.Fprintf(&sum, "%d of %d documents failed; failure kinds (documents, first):\n", len(failures), len(docs))
	for _, s := range sigs {
		fmt.Fprintf(&sum, "%5d  %-10s %s\n", len(kinds[s]), kinds[s][0].label, s)
	}
	t.Log(sum.String())
	if os.Getenv("GEN_SPECS_MINIMIZE") != "" {
		minimizeKinds(t, sigs, kinds)
	}
}

// ---------------------------------------------------------------------------
// Minimizer.

// minimizeKinds reduces the first document of each failure kind (the
// smallest of the first few) and writes it to testdata/generative.
func minimizeKinds(t *testing.T, sigs []string, kinds map[string][]genDoc) {
	dir := filepath.Join(repoRoot(t), "internal", "e2e", "testdata", "generative")
	done := map[string]bool{}
	for _, s := range sigs {
		cands := kinds[s]
		best := cands[0]
		for _, d := range cands[:min(5, len(cands))] {
			if len(d.data) < len(best.data) {
				best = d
			}
		}
		if best.seed < 0 || done[s] {
			continue
		}
		start := time.Now()
		if strings.HasPrefix(s, "hang:") {
			continue // each check would take the whole timeout
		}
		tmp := t.TempDir()
		small, checks := minimize(t, tmp, best.data, s)
		// What else the reduced document still shows counts as done too.
		for _, other := range failureOf(t, tmp, small, true).sigs {
			done[other] = true
		}
		name := filepath.Join(dir, fmt.Sprintf("%d.json", best.seed))
		for k := 2; fileExists(name); k++ { // a seed with two kinds
			name = filepath.Join(dir, fmt.Sprintf("%d-%d.json", best.seed, k))
		}
		if err := os.WriteFile(name, small, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: seed %d reduced from %d to %d bytes in %d checks (%.0fs): %s",
			s, best.seed, len(best.data), len(small), checks, time.Since(start).Seconds(), name)
	}
}

// failureOf generates and builds one document (in the module at tmp) and
// returns its failure (an empty one when it builds); vet only for vet kinds.
func failureOf(t *testing.T, tmp string, data []byte, vet bool) *genFailure {
	docs := []genDoc{{name: "s00000", label: "candidate", seed: -1, data: data}}
	failures := map[string]*genFailure{}
	checkBatch(t, docs, failures, tmp, vet)
	if f := failures["s00000"]; f != nil {
		return f
	}
	return &genFailure{}
}

// minimize drops parts of a JSON document (object members, array elements)
// one at a time, keeping each drop after which the document still fails with
// sig, until no drop keeps it or the budget is spent.
func minimize(t *testing.T, tmp string, data []byte, sig string) ([]byte, int) {
	var root any
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	checks := 0
	deadline := time.Now().Add(time.Duration(envInt(t, "GEN_SPECS_MINIMIZE_SECONDS", 240)) * time.Second)
	stillFails := func() bool {
		checks++
		b, _ := json.Marshal(root)
		if !validOpenAPI(b) {
			return false // a reduction must stay a valid document
		}
		return contains(failureOf(t, tmp, b, strings.HasPrefix(sig, "vet:")).sigs, sig)
	}
	var reduce func(node any) bool
	reduce = func(node any) bool {
		changed := false
		switch n := node.(type) {
		case map[string]any:
			keys := make([]string, 0, len(n))
			for k := range n {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if time.Now().After(deadline) || checks >= 600 {
					return changed
				}
				v := n[k]
				delete(n, k)
				if stillFails() {
					changed = true
					continue
				}
				n[k] = v
				if reduce(v) {
					changed = true
				}
			}
		case []any:
			// Array elements are cleared by their parent: try each as absent.
			for i := len(n) - 1; i >= 0; i-- {
				if time.Now().After(deadline) || checks >= 600 {
					return changed
				}
				if reduce(n[i]) {
					changed = true
				}
			}
		}
		return changed
	}
	// Arrays shrink through their parent's member: replace it by a shorter copy.
	var shrink func(node any) bool
	shrink = func(node any) bool {
		changed := false
		switch n := node.(type) {
		case map[string]any:
			keys := make([]string, 0, len(n))
			for k := range n {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if arr, ok := n[k].([]any); ok {
					for i := len(arr) - 1; i >= 0 && len(arr) > 1; i-- {
						if time.Now().After(deadline) || checks >= 600 {
							return changed
						}
						shorter := append(append([]any{}, arr[:i]...), arr[i+1:]...)
						n[k] = shorter
						if stillFails() {
							arr = shorter
							changed = true
						} else {
							n[k] = arr
						}
					}
				}
				if shrink(n[k]) {
					changed = true
				}
			}
		case []any:
			for _, v := range n {
				if shrink(v) {
					changed = true
				}
			}
		}
		return changed
	}
	for pass := 0; pass < 4; pass++ {
		a := reduce(root)
		b := shrink(root)
		if !a && !b {
			break
		}
	}
	out, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n'), checks
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// TestGenerativeOpenAPI31: each random document and its OpenAPI 3.1
// translation (specgen.To31: type arrays, null alternatives, const,
// examples, numeric exclusive bounds) give the same SDK, byte for byte.
// Generation only, in memory: the 3.0 SDKs are built by TestGenerativeSpecs.
func TestGenerativeOpenAPI31(t *testing.T) {
	n := envInt(t, "GEN_SPECS_N", 200)
	base := int64(envInt(t, "GEN_SPECS_SEED", 1))
	same := 0
	for i := range n {
		seed := base + int64(i)
		doc30 := specgen.Generate(seed)
		doc31 := specgen.To31(doc30)
		a, errA := gen.GenerateData(doc30, gen.Config{Spec: "spec.json", Module: "openapi", Package: "sdk"})
		b, errB := gen.GenerateData(doc31, gen.Config{Spec: "spec.json", Module: "openapi", Package: "sdk"})
		if errA != nil || errB != nil {
			t.Errorf("seed %d: 3.0: %v; 3.1: %v", seed, errA, errB)
			continue
		}
		files := map[string][]byte{}
		for _, f := range a.Files {
			files[f.Path] = f.Data
		}
		var diffs []string
		for _, f := range b.Files {
			if other, ok := files[f.Path]; !ok || !bytes.Equal(other, f.Data) {
				diffs = append(diffs, f.Path)
			}
			delete(files, f.Path)
		}
		for path := range files {
			diffs = append(diffs, path+" (3.0 only)")
		}
		if len(diffs) > 0 {
			sort.Strings(diffs)
			t.Errorf("seed %d: the 3.1 translation gives other files: %s", seed, strings.Join(diffs, ", "))
			continue
		}
		same++
	}
	t.Logf("%d of %d documents: the same SDK from 3.0 and 3.1", same, n)
}
