package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// referencePage is the page of the reference SDK whose Go example must compile,
// unchanged, against generated/ (relative to the repository root).
const referencePage = "../shared/reference/sessions-README.md"

// goBlock returns the body of the single ```go block of a markdown page, byte
// for byte (up to and including the newline before the closing fence).
func goBlock(page []byte) ([]byte, error) {
	const open, fence = "```go\n", "\n```"
	var blocks [][]byte
	rest := page
	for {
		i := bytes.Index(rest, []byte(open))
		if i < 0 {
			break
		}
		if i > 0 && rest[i-1] != '\n' {
			rest = rest[i+len(open):]
			continue
		}
		body := rest[i+len(open):]
		j := bytes.Index(body, []byte(fence))
		if j < 0 {
			return nil, errors.New("unterminated ```go block")
		}
		blocks = append(blocks, body[:j+1])
		rest = body[j+len(fence):]
	}
	if len(blocks) != 1 {
		return nil, fmt.Errorf("want exactly one ```go block, found %d", len(blocks))
	}
	return blocks[0], nil
}

// refMainTest runs the reference program's main against specserver: the
// program uses sdk.New() and so the default server URL and http.DefaultTransport.
const refMainTest = `package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"testing"

	"github.com/oasgo/gen/testkit/specserver"
)

const (
	specPath   = %q
	wantOrigin = "https://unify.apideck.com"
)

func TestMain(m *testing.M) {
	srv, err := specserver.New(specPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "starting specserver:", err)
		os.Exit(2)
	}
	http.DefaultTransport = srv.Transport()
	// The program reports failures with log.Fatal: show what the server saw
	// before it exits.
	log.SetOutput(recordsOnLog{srv})

	main()

	recs := srv.Requests()
	srv.Close()
	ok := len(recs) == 1
	for _, rec := range recs {
		fmt.Printf("specserver: %%v (origin %%s)\n", rec, rec.Origin)
		if !rec.Valid || rec.ResponseError != "" || rec.Status != http.StatusOK || rec.Origin != wantOrigin {
			ok = false
		}
	}
	if !ok {
		fmt.Fprintf(os.Stderr, "FAIL: want exactly one valid request to %%s answered 200, the server recorded %%d:\n", wantOrigin, len(recs))
		for i, rec := range recs {
			fmt.Fprintf(os.Stderr, "  %%d: %%v (origin %%q)\n", i+1, rec, rec.Origin)
		}
		os.Exit(1)
	}
	fmt.Println("reference program: one valid request, answered 200")
	os.Exit(m.Run())
}

type recordsOnLog struct{ srv *specserver.Server }

func (w recordsOnLog) Write(p []byte) (int, error) {
	n, err := os.Stderr.Write(p)
	for i, rec := range w.srv.Requests() {
		fmt.Fprintf(os.Stderr, "specserver record %%d: %%v (origin %%q)\n", i+1, rec, rec.Origin)
	}
	return n, err
}
`

// TestReferenceExample compiles the Go example of the reference SDK's
// sessions page, unchanged, against generated/ and runs it against a server
// that validates its request with spec/vault.yml; then the same against the
// SDK generated from the upstream vault-9.3.1.yml (the spec the reference
// SDK was generated from), validated with that spec.
func TestReferenceExample(t *testing.T) {
	t.Parallel()
	root := repoRoot(t)
	pagePath := filepath.Join(root, filepath.FromSlash(referencePage))
	page, err := os.ReadFile(pagePath)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("reference page %s is absent: nothing to compile", pagePath)
	} else if err != nil {
		t.Fatal(err)
	}
	program, err := goBlock(page)
	if err != nil {
		t.Fatalf("%s: %v", pagePath, err)
	}
	t.Run("spec/vault.yml", func(t *testing.T) {
		runReference(t, program, sdkReplaces(t), filepath.Join(root, "spec", "vault.yml"))
	})
	t.Run("vault-9.3.1.yml", func(t *testing.T) {
		spec := filepath.Join(root, "..", "shared", "specs", "vault-9.3.1.yml")
		if _, err := os.Stat(spec); err != nil {
			t.Skipf("%s is absent (%v): the upstream specs live in ../shared/specs", spec, err)
		}
		_, sdkDir := generateSDK(t, spec)
		runReference(t, program, map[string]string{"openapi": sdkDir, thisModule: root}, spec)
	})
}

func runReference(t *testing.T, program []byte, replaces map[string]string, spec string) {
	dir := goModule(t, "refprog", map[string]string{
		"main.go":      string(program),
		"main_test.go": fmt.Sprintf(refMainTest, spec),
	}, replaces)

	// Check the copy is the block byte for byte.
	written, err := os.ReadFile(filepath.Join(dir, "main.go"))
	if err != nil || !bytes.Equal(written, program) {
		t.Fatalf("main.go is not the example verbatim (err %v)", err)
	}

	out := goRun(t, dir, "test", "-count=1", "-v", "./...")
	if !bytes.Contains([]byte(out), []byte("reference program: one valid request, answered 200")) {
		t.Fatalf("the reference program's check did not run:\n%s", out)
	}
	t.Logf("reference program output:\n%s", out)
}

func TestGoBlock(t *testing.T) {
	got, err := goBlock([]byte("# T\n\n```go\npackage main\n\nfunc main() {}\n```\n\n```sh\nls\n```\n"))
	if err != nil || string(got) != "package main\n\nfunc main() {}\n" {
		t.Errorf("goBlock = %q, %v", got, err)
	}
	if _, err := goBlock([]byte("```go\na\n```\n```go\nb\n```\n")); err == nil {
		t.Error("two blocks accepted")
	}
	if _, err := goBlock([]byte("no code")); err == nil {
		t.Error("no block accepted")
	}
}
