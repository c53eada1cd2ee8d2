package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/oasgo/gen/internal/model"
	"github.com/oasgo/gen/internal/parser"
)

// TestRealSpecBodies: no request body of the specs in ../shared/specs
// (every one: Vault and Accounting, platform/, platform-9.3.1/, openai.yaml)
// is left as raw bytes for want of an encoding (the form-body warning):
// JSON, form and multipart bodies are typed, and a shape gen does not
// generate is a located warning naming it (the other media types of an
// encoding, a part's encoding headers). It logs, per spec, the bodies by
// how they are sent.
func TestRealSpecBodies(t *testing.T) {
	shared := filepath.Join(repoRoot(t), "..", "shared", "specs")
	var specs []string
	for _, glob := range []string{"*.yml", "*.yaml", "platform/*.yml", "platform-9.3.1/*.yml"} {
		m, _ := filepath.Glob(filepath.Join(shared, glob))
		specs = append(specs, m...)
	}
	if len(specs) == 0 {
		t.Skip("../shared/specs is absent: the real specs' bodies are not checked")
	}
	sort.Strings(specs)
	names := map[model.BodyEncoding]string{model.BodyJSON: "json", model.BodyForm: "form", model.BodyMultipart: "multipart", model.BodyBytes: "raw"}
	var rows []string
	for _, spec := range specs {
		data, err := os.ReadFile(spec)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(shared, spec)
		api, err := parser.Load(rel, data, parser.Options{})
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		count := map[string]int{}
		choices, files := 0, 0
		for _, svc := range api.Services {
			for _, op := range svc.Operations {
				if op.Body == nil {
					continue
				}
				if len(op.OtherBodies) > 0 {
					choices++
				}
				for _, b := range op.Bodies() {
					count[names[b.Encoding]]++
					for _, p := range b.Parts {
						if p.Kind == model.PartFile || p.Kind == model.PartUnion {
							files++
						}
					}
				}
			}
		}
		var notes []string
		for _, w := range api.Warnings {
			switch w.Kind {
			case "form-body":
				if strings.Contains(w.Message, "raw bytes") {
					t.Errorf("%s: %s", rel, w)
				}
				notes = append(notes, w.String())
			case "media-type":
				notes = append(notes, w.String())
			}
		}
		rows = append(rows, fmt.Sprintf("| %s | %d | %d | %d | %d | %d | %d | %d |", rel, count["json"], count["form"], count["multipart"], files, count["raw"], choices, len(notes)))
		for _, n := range notes {
			t.Logf("%s", n)
		}
	}
	t.Logf("request bodies by how they are sent:\n| spec | JSON | form | multipart | file parts | raw | ops with a choice | located warnings |\n|---|---|---|---|---|---|---|---|\n%s", strings.Join(rows, "\n"))
}
