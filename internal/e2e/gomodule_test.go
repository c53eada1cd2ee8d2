package e2e

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oasgo/gen/internal/gen"
	_ "github.com/oasgo/gen/internal/testflags" // accepts -update like every test package
)

// thisModule is the module path of the repository.
const thisModule = "github.com/oasgo/gen"

// repoRoot returns the absolute path of the repository root, found from this
// file's location (or from the working directory, which go test sets to the
// package directory, when the build trimmed file paths).
func repoRoot(t testing.TB) string {
	t.Helper()
	var candidates []string
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		candidates = append(candidates, filepath.Join(filepath.Dir(file), "..", ".."))
	}
	if wd, err := os.Getwd(); err == nil {
		candidates = append(candidates, filepath.Join(wd, "..", ".."))
	}
	for _, dir := range candidates {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && modulePath(data) == thisModule {
			abs, err := filepath.Abs(dir)
			if err != nil {
				t.Fatal(err)
			}
			return abs
		}
	}
	t.Fatalf("cannot find the root of module %s from %v", thisModule, candidates)
	return ""
}

func modulePath(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`)
		}
	}
	return ""
}

// generatedDir is the directory of the generated SDK (module "openapi").
func generatedDir(t testing.TB) string {
	return filepath.Join(repoRoot(t), "generated")
}

// sdkReplaces are the replacements of a module that imports the generated SDK
// and the repository's own packages (such as testkit/specserver).
func sdkReplaces(t testing.TB) map[string]string {
	return map[string]string{
		"openapi":  generatedDir(t),
		thisModule: repoRoot(t),
	}
}

// goModule writes a Go module named module into a new temporary directory and
// returns the directory. files maps slash-separated paths, relative to the
// module root, to their contents; a "go.mod" among them replaces the generated
// one. Each key of replaces is required at v0.0.0 and replaced by the absolute
// directory it maps to. go.sum is the union of the repository's go.sum and
// those of the replacement directories, so that no network access is needed
// when the module cache already holds the repository's dependencies.
func goModule(t testing.TB, module string, files map[string]string, replaces map[string]string) string {
	t.Helper()
	dir := t.TempDir()

	paths := make([]string, 0, len(replaces))
	for p := range replaces {
		paths = append(paths, p)
	}
	sort.Strings(paths)

	var mod strings.Builder
	fmt.Fprintf(&mod, "module %s\n\ngo 1.26\n", module)
	if len(paths) > 0 {
		mod.WriteString("\nrequire (\n")
		for _, p := range paths {
			fmt.Fprintf(&mod, "\t%s v0.0.0\n", p)
		}
		mod.WriteString(")\n\n")
		for _, p := range paths {
			fmt.Fprintf(&mod, "replace %s => %s\n", p, modQuote(replaces[p]))
		}
	}

	var sum []string
	seen := map[string]bool{}
	for _, d := range append([]string{repoRoot(t)}, mapValues(replaces, paths)...) {
		data, err := os.ReadFile(filepath.Join(d, "go.sum"))
		if errors.Is(err, os.ErrNotExist) {
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if line = strings.TrimSpace(line); line != "" && !seen[line] {
				seen[line] = true
				sum = append(sum, line)
			}
		}
	}

	all := map[string]string{"go.mod": mod.String()}
	if len(sum) > 0 {
		all["go.sum"] = strings.Join(sum, "\n") + "\n"
	}
	for name, content := range files {
		all[name] = content
	}
	for name, content := range all {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func mapValues(m map[string]string, keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

// modQuote quotes a go.mod path when it needs it.
func modQuote(s string) string {
	if strings.ContainsAny(s, " \t\"'`\\()") {
		return strconv.Quote(s)
	}
	return s
}

// goRun runs the go command with args in dir and returns its combined output;
// it fails t with the command and its full output when the command fails.
func goRun(t testing.TB, dir string, args ...string) string {
	t.Helper()
	out, err := goCommand(t, dir, args...)
	if err != nil {
		t.Fatalf("go %s (in %s): %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return out
}

// goCommand runs the go command with args in dir and returns its combined
// output and error. The go command found on PATH is used (go test puts the
// running toolchain's first). The environment is the test's own, so GOPROXY
// and the build cache are shared; GOFLAGS gains -mod=mod (the temporary
// go.mod lists only the replaced modules) and GOWORK is turned off.
func goCommand(t testing.TB, dir string, args ...string) (string, error) {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go command not found: %v", err)
	}
	cmd := exec.Command(goBin, args...)
	cmd.Dir = dir
	cmd.Env = append(envWithout(os.Environ(), "GOFLAGS", "GOWORK"),
		"GOFLAGS="+goFlags(t, goBin),
		"GOWORK=off",
	)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("go %s: %.1fs", strings.Join(args, " "), time.Since(start).Seconds())
	return string(out), err
}

var (
	goFlagsOnce  sync.Once
	goFlagsValue string
	goFlagsErr   error
)

// goFlags is the effective GOFLAGS (environment or go env file) plus -mod=mod.
func goFlags(t testing.TB, goBin string) string {
	goFlagsOnce.Do(func() {
		out, err := exec.Command(goBin, "env", "GOFLAGS").Output()
		if err != nil {
			goFlagsErr = fmt.Errorf("go env GOFLAGS: %w", err)
			return
		}
		var flags []string
		for _, f := range strings.Fields(string(out)) {
			if !strings.HasPrefix(f, "-mod=") && f != "-mod" {
				flags = append(flags, f)
			}
		}
		goFlagsValue = strings.Join(append(flags, "-mod=mod"), " ")
	})
	if goFlagsErr != nil {
		t.Fatal(goFlagsErr)
	}
	return goFlagsValue
}

func envWithout(env []string, names ...string) []string {
	out := env[:0:0]
next:
	for _, kv := range env {
		for _, name := range names {
			if strings.HasPrefix(kv, name+"=") {
				continue next
			}
		}
		out = append(out, kv)
	}
	return out
}

// testSummary counts the "--- PASS" and "--- FAIL" lines of go test -v output
// (subtests included) and lists the tests that failed.
func testSummary(out string) (passed, failed, skipped int, failures []string) {
	for _, line := range strings.Split(out, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "--- PASS: "):
			passed++
		case strings.HasPrefix(trimmed, "--- SKIP: "):
			skipped++
		case strings.HasPrefix(trimmed, "--- FAIL: "):
			failed++
			failures = append(failures, strings.Fields(strings.TrimPrefix(trimmed, "--- FAIL: "))[0])
		}
	}
	return passed, failed, skipped, failures
}

// generateSDK generates spec (module "openapi", package "sdk") into a new
// temporary directory and returns the result and the directory.
func generateSDK(t testing.TB, spec string) (*gen.Result, string) {
	t.Helper()
	return generateAs(t, spec, "openapi")
}

// innerTests runs `go test -count=1 -v ./...` in dir (a module of tests
// against generated SDKs) and fails t unless some ran and none failed. It
// logs the summary, and the inner t.Log lines of the files named in
// figures (the figures worth keeping in the outer log).
func innerTests(t *testing.T, dir string, figures ...string) {
	t.Helper()
	out, err := goCommand(t, dir, "test", "-count=1", "-v", "./...")
	passed, failed, skipped, failures := testSummary(out)
	if err != nil || passed == 0 || failed != 0 {
		t.Fatalf("go test -count=1 -v ./... (in %s): %v\n%d passed, %d failed %v\n\n%s", dir, err, passed, failed, failures, out)
	}
	t.Logf("inner go test -v: %d passed (tests and subtests), %d skipped, %d failed", passed, skipped, failed)
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		for _, f := range figures {
			if strings.HasPrefix(l, f+":") {
				t.Log(l)
			}
		}
	}
	if testing.Verbose() {
		t.Logf("inner output:\n%s", out)
	}
}

// innerHelper is testdata/inner/heap_test.go (helpers the inner test
// modules share) as a file of package pkg.
func innerHelper(t testing.TB, pkg string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "inner", "heap_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Replace(string(src), "package inner\n", "package "+pkg+"\n", 1)
}

// generateAs is generateSDK with another module path (its go.mod written).
func generateAs(t testing.TB, spec, module string) (*gen.Result, string) {
	t.Helper()
	res, err := gen.Generate(gen.Config{Spec: spec, Module: module, Package: "sdk"})
	if err != nil {
		t.Fatalf("generate %s: %v", spec, err)
	}
	dir := t.TempDir()
	if err := gen.Write(dir, res.Files); err != nil {
		t.Fatal(err)
	}
	return res, dir
}
