package gen

import (
	"errors"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	genparser "github.com/oasgo/gen/internal/parser"
)

// FuzzGenerate runs parse -> model -> emit -> go/format on arbitrary bytes:
// gen may refuse them (a located error) but never panic, and what it emits
// is Go that parses. Seeded with the project's spec, the shapes corpus, the
// errors corpus and the random specs' corpus; findings are kept in
// testdata/fuzz/FuzzGenerate and run by go test as regular cases.
// make fuzz runs the fuzzer (FUZZTIME, default 10m).
func FuzzGenerate(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{
		"../../spec/*.yml",
		"../e2e/testdata/shapes/*.yml",
		"../e2e/testdata/generative/*.json",
		"../../cmd/gen/testdata/errors/*.yml",
		"../../cmd/gen/testdata/errors/*.json",
	} {
		m, _ := filepath.Glob(pattern)
		seeds = append(seeds, m...)
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := GenerateData(data, Config{Spec: "fuzz.yml", Module: "openapi", Package: "sdk"})
		var internal *genparser.InternalError
		if errors.As(err, &internal) {
			t.Fatalf("%v\n%s", internal, internal.Stack)
		}
		if err != nil {
			var spec *genparser.Error
			if !errors.As(err, &spec) {
				t.Fatalf("an error that is neither located nor internal: %v", err)
			}
			for _, d := range spec.Diags {
				if d.Pos.File != "fuzz.yml" || d.Message == "" {
					t.Fatalf("a diagnostic without its place or text: %+v", d)
				}
			}
			return
		}
		for _, file := range res.Files {
			if !strings.HasSuffix(file.Path, ".go") {
				continue
			}
			if _, err := parser.ParseFile(token.NewFileSet(), file.Path, file.Data, parser.SkipObjectResolution); err != nil {
				t.Fatalf("%s does not parse: %v", file.Path, err)
			}
		}
	})
}
