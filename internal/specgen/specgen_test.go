package specgen

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestValid: every document loads and validates with kin-openapi, defaults
// and examples included.
func TestValid(t *testing.T) {
	for seed := int64(0); seed < 300; seed++ {
		data := Generate(seed)
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromData(data)
		if err != nil {
			t.Errorf("seed %d: load: %v", seed, err)
			continue
		}
		if err := doc.Validate(context.Background(), openapi3.EnableMultiError()); err != nil {
			t.Errorf("seed %d: %v\n%s", seed, err, data)
		}
		if doc.OpenAPI != "3.0.3" {
			t.Errorf("seed %d: openapi %q", seed, doc.OpenAPI)
		}
	}
}

// TestDeterministic: a seed always gives the same bytes; different seeds
// give different documents.
func TestDeterministic(t *testing.T) {
	for seed := int64(0); seed < 50; seed++ {
		a, b := Generate(seed), Generate(seed)
		if !bytes.Equal(a, b) {
			t.Fatalf("seed %d: two runs differ", seed)
		}
		if !json.Valid(a) {
			t.Fatalf("seed %d: not JSON", seed)
		}
	}
	if bytes.Equal(Generate(1), Generate(2)) {
		t.Error("seeds 1 and 2 give the same document")
	}
}

// TestValid31: every translation to OpenAPI 3.1 loads and validates.
func TestValid31(t *testing.T) {
	for seed := int64(0); seed < 300; seed++ {
		data := To31(Generate(seed))
		doc, err := openapi3.NewLoader().LoadFromData(data)
		if err != nil {
			t.Errorf("seed %d: load: %v", seed, err)
			continue
		}
		if err := doc.Validate(context.Background(), openapi3.EnableMultiError()); err != nil {
			t.Errorf("seed %d: %v", seed, err)
		}
		if doc.OpenAPI != "3.1.0" || bytes.Contains(data, []byte(`"nullable"`)) {
			t.Errorf("seed %d: not a 3.1 document", seed)
		}
	}
}

// TestShapes: paginated lists (x-speakeasy-pagination, the Apideck
// convention), event streams and JSON-or-stream answers each come at a
// modest rate of the operations, and each extension's inputs are query
// parameters of its operation.
func TestShapes(t *testing.T) {
	var ops, ext, apideck, events, dual int
	for seed := int64(0); seed < 300; seed++ {
		var doc struct {
			Paths map[string]map[string]json.RawMessage
		}
		if err := json.Unmarshal(Generate(seed), &doc); err != nil {
			t.Fatal(err)
		}
		for path, item := range doc.Paths {
			for method, raw := range item {
				if method == "parameters" {
					continue
				}
				ops++
				var op struct {
					Parameters []struct{ Name, In string }
					Pagination *struct {
						Inputs []struct{ Name string }
					} `json:"x-speakeasy-pagination"`
					Responses map[string]struct {
						Content map[string]json.RawMessage
					}
				}
				if err := json.Unmarshal(raw, &op); err != nil {
					t.Fatal(err)
				}
				query := map[string]bool{}
				for _, p := range op.Parameters {
					if p.In == "query" {
						query[p.Name] = true
					}
				}
				switch {
				case op.Pagination != nil:
					ext++
					for _, in := range op.Pagination.Inputs {
						if !query[in.Name] {
							t.Errorf("seed %d: %s %s: pagination input %q is no query parameter", seed, method, path, in.Name)
						}
					}
				case method == "get" && query["cursor"] && query["limit"]:
					apideck++
				}
				c := op.Responses["200"].Content
				if _, ok := c["text/event-stream"]; ok {
					if _, ok := c["application/json"]; ok {
						dual++
					} else {
						events++
					}
				}
			}
		}
	}
	t.Logf("%d operations: %d x-speakeasy-pagination, %d Apideck, %d event streams, %d JSON or events", ops, ext, apideck, events, dual)
	for _, c := range []struct {
		name string
		n    int
	}{{"paged", ext + apideck}, {"event-stream", events}, {"JSON-or-stream", dual}} {
		if rate := float64(c.n) / float64(ops); rate < 0.03 || rate > 0.12 {
			t.Errorf("%s operations: %d of %d (%.1f%%), want 3-12%%", c.name, c.n, ops, 100*rate)
		}
	}
	if apideck == 0 || ext == 0 {
		t.Errorf("pagination: %d by extension, %d by the Apideck convention; want both", ext, apideck)
	}
}
